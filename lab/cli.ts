// `npm run lab -- <scenario>|all [--keep]`: runs interop scenarios in network namespaces (root, Linux,
// strongSwan installed). Prints one summary line per scenario; exits 0 passed, 1 failed, 77 skipped.
import { parseArgs } from "node:util";
import { abortLabs } from "./netns";
import { LAB_SCENARIOS } from "./scenarios";
import { runLabScenario } from "./scenario";

async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { keep: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
    // "all": every scenario but the slow ones (name those explicitly).
    const names = positionals[0] === "all" ? Object.values(LAB_SCENARIOS).filter((s) => !s.slow).map((s) => s.name) : positionals;
    if (values.help || names.length === 0 || names.some((n) => !LAB_SCENARIOS[n])) {
        console.log("usage: npm run lab -- <scenario...>|all [--keep]   (--keep: leave configs and charon logs in the lab directory)");
        for (const s of Object.values(LAB_SCENARIOS)) {
            console.log(`  ${s.name.padEnd(12)} ${s.title}`);
        }
        return values.help ? 0 : 2;
    }
    let status = 0;
    for (const name of names) {
        try {
            const outcome = await runLabScenario(LAB_SCENARIOS[name], { log: (line) => console.log(line), keepDir: values.keep });
            if (outcome.status === "skipped") {
                console.log(`lab ${name}: SKIPPED: ${outcome.reason}`);
                status = status || 77;
            } else {
                console.log(outcome.summary);
            }
        } catch (err) {
            console.error(`lab ${name}: FAILED: ${err instanceof Error ? err.message : String(err)}`);
            status = 1;
        }
    }
    return status;
}

// Interrupted: `finally` will not run, so remove this run's namespaces (and the charons in them) here.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
        console.error(`lab: ${signal}, cleaning up`);
        abortLabs().finally(() => process.exit(130));
    });
}

main().then((code) => process.exit(code));
