// `npm run bench`: how well the project does its job, as ratios taken side by side in one run (these
// machines are noisy; absolute times alone mean little). Prints tables and writes out/bench/results.json.
//   BENCH_SPOKES=3,10,50,100  hub sizes for the plan-scale and critical-path tables
//   BENCH_REPS=3          runs per plan-scale cell (the median is kept)
//   BENCH_SKIP=throughput skip a section (plan,path,throughput; comma-separated)
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AlibabaCloudEmulator } from "../emulator";
import { hubAndSpoke, syntheticHubAndSpoke } from "../stacks/hubAndSpoke";
import { Transport } from "../model/hubAndSpoke";
import { CREATION_SECONDS, CREATION_SOURCES, creationLock, creationLockIn } from "./creationTimes";
import { criticalPath } from "./criticalPath";
import { median, table } from "./table";
import { throughput } from "./throughput";

const ROOT = path.resolve(__dirname, "..");
const SPOKES = (process.env.BENCH_SPOKES ?? "3,10,50,100").split(",").map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));

interface PlanSample {
    mode: "bare" | "program" | "plan";
    spokes: number;
    resources: number;
    ms: number;
    cpuMs: number;
    maxRssMb: number;
}

function measurePlan(mode: PlanSample["mode"], spokes: number): PlanSample {
    const out = execFileSync(process.execPath, ["-r", "ts-node/register", path.join(__dirname, "planOnce.ts"), mode, String(spokes)], {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
        stdio: ["ignore", "pipe", "ignore"],
        maxBuffer: 1 << 20,
    });
    return JSON.parse(out.toString().trim().split("\n").pop()!) as PlanSample;
}

/** Library (components + checks, and the whole plan) against the bare program, interleaved per repetition. */
function planScale(): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    for (const spokes of SPOKES) {
        const reps = spokes >= 50 ? 1 : REPS;
        const samples: Record<PlanSample["mode"], PlanSample[]> = { bare: [], program: [], plan: [] };
        for (let i = 0; i < reps; i++) {
            for (const mode of ["bare", "program", "plan"] as const) {
                samples[mode].push(measurePlan(mode, spokes));
            }
        }
        const ms = (mode: PlanSample["mode"]) => median(samples[mode].map((s) => s.ms));
        const cpu = (mode: PlanSample["mode"]) => median(samples[mode].map((s) => s.cpuMs));
        const rss = (mode: PlanSample["mode"]) => median(samples[mode].map((s) => s.maxRssMb));
        rows.push({
            spokes,
            resources: samples.plan[0].resources,
            bareResources: samples.bare[0].resources,
            bareMs: ms("bare"),
            programMs: ms("program"),
            planMs: ms("plan"),
            bareCpuMs: cpu("bare"),
            planCpuMs: cpu("plan"),
            programOverhead: +(ms("program") / ms("bare")).toFixed(2),
            planOverhead: +(ms("plan") / ms("bare")).toFixed(2),
            programCpuOverhead: +(cpu("program") / cpu("bare")).toFixed(2),
            planCpuOverhead: +(cpu("plan") / cpu("bare")).toFixed(2),
            msPerResource: +(ms("plan") / samples.plan[0].resources).toFixed(2),
            cpuMsPerResource: +(cpu("plan") / samples.plan[0].resources).toFixed(2),
            resourcesPerSpoke: +(samples.plan[0].resources / spokes).toFixed(1),
            bareRssMb: rss("bare"),
            planRssMb: rss("plan"),
            reps,
        });
    }
    console.log("\nPlan scale: hub-and-spoke with N spokes on the emulator (median ms; overhead = library / bare program)\n");
    console.log(
        table(
            [
                ...["spokes", "resources", "per spoke", "bare ms", "plan ms", "plan/bare"],
                ...["bare CPU ms", "plan CPU ms", "program/bare CPU", "plan/bare CPU", "CPU ms/resource", "bare MB", "plan MB"],
            ],
            rows.map((r) =>
                [
                    r.spokes,
                    r.resources,
                    r.resourcesPerSpoke,
                    r.bareMs,
                    r.planMs,
                    r.planOverhead,
                    r.bareCpuMs,
                    r.planCpuMs,
                    r.programCpuOverhead,
                    r.planCpuOverhead,
                    r.cpuMsPerResource,
                    r.bareRssMb,
                    r.planRssMb,
                ].map((v) => v as string | number),
            ),
        ),
    );
    const first = rows[0];
    const lastRow = rows[rows.length - 1];
    if (rows.length > 1) {
        const growth = (Number(lastRow.planMs) / Number(first.planMs)).toFixed(1);
        const resources = (Number(lastRow.resources) / Number(first.resources)).toFixed(1);
        console.log(`\nFrom ${first.spokes} to ${lastRow.spokes} spokes: resources x${resources}, plan time x${growth}.`);
    }
    return rows;
}

/**
 * The transports and how their creations queue: the VPN gateway with its documented queues; the transit router
 * once with one change at a time per router (the provider's retries of "Operation.Blocking", the worse reading)
 * and once with only the documented per-VPC and per-route-table queues (the better reading).
 */
const PATHS: Array<{ label: string; transport: Transport; locks: "all" | "documented" }> = [
    { label: "vpn-gateway", transport: "vpn-gateway", locks: "all" },
    { label: "transit-router, one change at a time per router", transport: "transit-router", locks: "all" },
    { label: "transit-router, routers in parallel", transport: "transit-router", locks: "documented" },
];

async function pathFor(spokes: number, transport: Transport, locks: "all" | "documented") {
    const frames = Error.stackTraceLimit;
    Error.stackTraceLimit = 1; // see cli/plan.ts
    const emulator = new AlibabaCloudEmulator().install({ project: "alicloud-vpn", stack: "bench" });
    const config = syntheticHubAndSpoke(spokes);
    config.transport = transport;
    await emulator.run(() => void hubAndSpoke(config));
    Error.stackTraceLimit = frames;
    if (emulator.state.rejections.length > 0) {
        throw new Error(`emulator refused: ${emulator.state.rejections.map((r) => `${r.name}: ${r.code}`).join("; ")}`);
    }
    const lockOf = locks === "all" ? creationLockIn(emulator.state.resources) : creationLock;
    const result = criticalPath(emulator.state.resources, CREATION_SECONDS, lockOf);
    const seconds = (steps: typeof result.steps) => steps.reduce((sum, s) => sum + (CREATION_SECONDS[s.type] ?? 0), 0);
    // The longest queue on the path: the gateway or router whose one-at-a-time creations it waits for most.
    const byLock = new Map<string, typeof result.steps>();
    const byName = new Map(emulator.state.resources.map((r) => [r.name, r]));
    for (const step of result.steps) {
        const lock = lockOf(byName.get(step.name)!);
        if (lock && !lock.startsWith("route table") && !lock.startsWith("vSwitches")) {
            byLock.set(lock, [...(byLock.get(lock) ?? []), step]);
        }
    }
    const queue = [...byLock.values()].sort((a, b) => seconds(b) - seconds(a))[0] ?? [];
    const resources = emulator.state.cloudResources().length;
    return { spokes, resources, result, queue, queueSeconds: seconds(queue) };
}

/** "2 x vSwitch (20 s)" per type, in path order. */
function summarise(steps: Array<{ type: string }>): string {
    const counts = new Map<string, number>();
    steps.forEach((s) => counts.set(s.type, (counts.get(s.type) ?? 0) + 1));
    return [...counts].map(([type, n]) => `${n} x ${type.split(":").pop()} (${n * (CREATION_SECONDS[type] ?? 0)} s)`).join(", ");
}

async function criticalPaths(): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const spokes of SPOKES) {
        for (const { label, transport, locks } of PATHS) {
            const { resources, result, queue, queueSeconds } = await pathFor(spokes, transport, locks);
            rows.push({
                spokes,
                transport: label,
                resources,
                seconds: result.seconds,
                minutes: +(result.seconds / 60).toFixed(1),
                longestQueueSeconds: queueSeconds,
                longestQueue: summarise(queue),
                path: summarise(result.steps),
            });
        }
    }
    console.log("\nApply critical path of `pulumi up` per transport (recorded dependency graph, estimated creation times, Alibaba's one-at-a-time queues)\n");
    console.log(
        table(
            ["spokes", "transport", "resources", "critical path", "longest queue on it", "queue: what"],
            rows.map((r) => [r.spokes as number, r.transport as string, r.resources as number, `${r.seconds} s (${r.minutes} min)`, `${r.longestQueueSeconds} s`, r.longestQueue as string]),
        ),
    );
    console.log("\nCreation times used and their sources:");
    for (const [type, seconds] of Object.entries(CREATION_SECONDS)) {
        console.log(`  ${type}: ${seconds} s (${CREATION_SOURCES[type]})`);
    }
    return rows;
}

async function main(): Promise<void> {
    const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
    if (!SKIP.has("plan")) {
        results.planScale = planScale();
    }
    if (!SKIP.has("path")) {
        results.criticalPath = await criticalPaths();
    }
    if (!SKIP.has("throughput")) {
        results.throughput = await throughput();
    }
    const outDir = path.join(ROOT, "out", "bench");
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
    console.log(`\nWritten to ${path.relative(process.cwd(), path.join(outDir, "results.json"))}`);
}

main().then(
    () => process.stdout.write("", () => process.exit(0)),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
