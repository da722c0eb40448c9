// Loaded with `node --import`: the process's clock starts at FAKE_NOW (an ISO date and time) and
// runs on from there, as a machine whose clock says another day would.
const RealDate = globalThis.Date;
const offset = RealDate.parse(process.env.FAKE_NOW) - RealDate.now();

class FakeDate extends RealDate {
    constructor(...args) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...args);
    }

    static now() {
        return RealDate.now() + offset;
    }
}

globalThis.Date = FakeDate;
