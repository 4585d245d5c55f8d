// One measurement of the plan-scale benchmark, in a process of its own so peak memory is its own:
//   ts-node bench/planOnce.ts <bare|program|plan> <spokes>
// Prints one JSON line: { mode, spokes, resources, ms, cpuMs, maxRssMb }. cpuMs (user + system time of this
// process) is what the ratios use: on a machine shared with other work, wall time measures the neighbours too.
import { planScenario } from "../cli/plan";
import { AlibabaCloudEmulator } from "../emulator";
import { hubAndSpoke, syntheticHubAndSpoke } from "../stacks/hubAndSpoke";
import { bareHubAndSpoke } from "./bareHubAndSpoke";

// As the plan CLI does (see cli/plan.ts): one frame per recorded promise stack, the same for every mode.
Error.stackTraceLimit = 1;

async function main(): Promise<void> {
    const [mode, spokesArg] = process.argv.slice(2);
    const spokes = Number(spokesArg);
    const config = syntheticHubAndSpoke(spokes);
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    let emulator: AlibabaCloudEmulator;
    if (mode === "plan") {
        // The whole offline plan: config from the stack file's shape, checks, components, tree, topology.
        const report = await planScenario("hub-and-spoke", {
            write: false,
            configOverrides: { "alicloud-vpn:hub-and-spoke": JSON.stringify(config) },
        });
        emulator = report.emulator;
    } else {
        emulator = new AlibabaCloudEmulator().install({ project: "alicloud-vpn", stack: "bench" });
        await emulator.run(() => (mode === "bare" ? bareHubAndSpoke(config) : void hubAndSpoke(config)));
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (emulator.state.rejections.length > 0) {
        throw new Error(`emulator refused: ${emulator.state.rejections.map((r) => `${r.name}: ${r.code}`).join("; ")}`);
    }
    const resources = emulator.state.cloudResources().length;
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(JSON.stringify({ mode, spokes, resources, ms: Math.round(ms), cpuMs: Math.round(cpuMs), maxRssMb }) + "\n", () => process.exit(0));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
