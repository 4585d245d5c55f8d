// The interop lab in `npm test`: every scenario in network namespaces with real strongSwan or OpenVPN. Without root,
// namespaces or the Debian packages it is SKIPPED loudly (the reason printed); with LAB_REQUIRED=1
// (set by .ci/run) a missing prerequisite fails instead, so CI can never pass without running it.
// Slow scenarios (minutes: DPD timeouts) run only with LAB_SLOW=1.
import * as assert from "node:assert/strict";
import { abortLabs, closeOpenLabs } from "../../lab/netns";
import { LAB_SCENARIOS } from "../../lab/scenarios";
import { runLabScenario } from "../../lab/scenario";

describe("interop lab (network namespaces, strongSwan, OpenVPN)", function () {
    this.timeout(120_000);
    const summaries: string[] = [];
    // Interrupted (Ctrl-C, CI cancel): `finally` blocks may not run; stop the daemons and delete the namespaces.
    const interrupted = () => void abortLabs();

    before(() => {
        process.once("SIGINT", interrupted);
        process.once("SIGTERM", interrupted);
    });

    after(async () => {
        process.off("SIGINT", interrupted);
        process.off("SIGTERM", interrupted);
        // A scenario whose test timed out may still be running: close whatever lab is left.
        await closeOpenLabs();
        if (summaries.length > 0) {
            console.log(`\n${summaries.map((s) => `    ${s}`).join("\n")}\n`);
        }
    });

    for (const scenario of Object.values(LAB_SCENARIOS)) {
        it(`${scenario.name}: ${scenario.title}`, async function () {
            if (scenario.slow && process.env.LAB_SLOW !== "1") {
                console.log(`\n    !!! lab ${scenario.name}: SKIPPED: slow scenario, run it with LAB_SLOW=1 npm test or npm run lab -- ${scenario.name}\n`);
                this.skip();
            }
            if (scenario.slow) {
                this.timeout(300_000);
            }
            const outcome = await runLabScenario(scenario, { log: process.env.LAB_VERBOSE ? (line) => console.log(line) : undefined });
            if (outcome.status === "skipped") {
                const message = `lab ${scenario.name}: SKIPPED: ${outcome.reason}`;
                if (process.env.LAB_REQUIRED === "1") {
                    assert.fail(`${message} (LAB_REQUIRED=1: the lab must run here)`);
                }
                console.log(`\n    !!! ${message}\n`);
                this.skip();
            }
            assert.equal(outcome.status, "passed");
            summaries.push(outcome.summary);
        });
    }
});
