import { wordCount } from './classify-lines.js';

/**
 * Headings: the names HR documents give their parts, and the shapes a heading line takes.
 */

export const KNOWN_HEADINGS = new Set([
    'requirements', 'education', 'experience', 'task groups', 'competencies', 'job characteristics', 'characteristics',
    'responsibilities', 'duties', 'essential functions', 'essential duties', 'essential duties and responsibilities',
    'qualifications', 'skills', 'knowledge', 'role description', 'work hours', 'schedule',
    'key performance indicators', 'kpis', 'performance measurements', 'performance measures', 'working conditions',
    'physical requirements', 'certifications', 'licenses', 'job summary', 'duties and responsibilities',
]);

/** Headings that are a part of the job of their own: they never sit inside another section. */
export const TOP_LEVEL_HEADINGS = new Set([
    'task groups', 'competencies', 'job characteristics', 'characteristics', 'requirements', 'qualifications',
    'essential functions', 'essential duties', 'responsibilities', 'duties', 'duties and responsibilities',
    'essential duties and responsibilities', 'key performance indicators', 'kpis', 'working conditions',
]);


/** Headings of requirements and the kind of requirement their lines are ('' for any). */
export const REQUIREMENT_HEADINGS: Readonly<Record<string, string>> = {
    'requirements': '', 'qualifications': '', 'minimum qualifications': '', 'job requirements': '',
    'education': 'education', 'experience': 'experience', 'certifications': 'certification', 'licenses': 'license',
    'skills': 'skill', 'education and experience': '',
};

export function isTitleCase(text: string): boolean {
    const words = text.replace(/[:]$/, '').split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 8) return false;
    const small = /^(of|for|and|the|to|in|on|with|a|an|&|or|by|at|per|vs\.?|–|-|\/)$/i;
    return /^[A-Z0-9]/.test(words[0]) && words.every(word => small.test(word) || /^[A-Z0-9(“"]/.test(word));
}

export function isAllCaps(text: string): boolean {
    const letters = text.replace(/[^A-Za-z]/g, '');
    return letters.length >= 3 && letters === letters.toUpperCase() && wordCount(text) <= 8 && !/[.!?]$/.test(text);
}
