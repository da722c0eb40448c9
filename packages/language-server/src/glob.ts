/**
 * Glob patterns as VS Code's settings write them (`**\/drafts/**`, `archive/*.jobstd`,
 * `{old,tmp}/**`), matched against a path relative to the workspace folder with `/`.
 * `**` spans folders, `*` and `?` stay within one name, `{a,b}` is either, `[abc]` one of.
 */
export function globToRegExp(glob: string): RegExp {
    let source = '';
    let inGroup = false;
    const pattern = glob.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === '*') {
            if (pattern[i + 1] === '*') {
                // "**/" is any number of folders, including none; a final "**" is anything.
                const slash = pattern[i + 2] === '/';
                source += slash ? '(?:[^/]*/)*' : '.*';
                i += slash ? 2 : 1;
            } else {
                source += '[^/]*';
            }
        } else if (char === '?') {
            source += '[^/]';
        } else if (char === '{') {
            inGroup = true;
            source += '(?:';
        } else if (char === '}' && inGroup) {
            inGroup = false;
            source += ')';
        } else if (char === ',' && inGroup) {
            source += '|';
        } else if (char === '[') {
            const end = pattern.indexOf(']', i + 1);
            if (end < 0) {
                source += '\\[';
            } else {
                source += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
                i = end;
            }
        } else {
            source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
        }
    }
    return new RegExp(`^${source}$`);
}

/** True when the path, or a folder it is in, matches one of the patterns. */
export function isExcluded(relativePath: string, patterns: readonly RegExp[]): boolean {
    const parts = relativePath.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        if (patterns.some(p => p.test(prefix))) return true;
    }
    return false;
}
