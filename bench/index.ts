// `npm run bench`: how well the project does its job, as ratios taken side by side in one run (these
// machines are noisy; absolute times alone mean little). Prints tables and writes out/bench/results.json.
//   BENCH_SPOKES=3,10,50  hub sizes for the plan-scale and critical-path tables
//   BENCH_REPS=3          runs per plan-scale cell (the median is kept)
//   BENCH_SKIP=throughput skip a section (plan,path,throughput; comma-separated)
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AlibabaCloudEmulator, TYPES } from "../emulator";
import { hubAndSpoke, syntheticHubAndSpoke } from "../stacks/hubAndSpoke";
import { CREATION_SECONDS, CREATION_SOURCES, creationLock } from "./creationTimes";
import { criticalPath } from "./criticalPath";
import { median, table } from "./table";
import { throughput } from "./throughput";

const ROOT = path.resolve(__dirname, "..");
const SPOKES = (process.env.BENCH_SPOKES ?? "3,10,50").split(",").map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));

interface PlanSample {
    mode: "bare" | "program" | "plan";
    spokes: number;
    resources: number;
    ms: number;
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
        const rss = (mode: PlanSample["mode"]) => median(samples[mode].map((s) => s.maxRssMb));
        rows.push({
            spokes,
            resources: samples.plan[0].resources,
            bareResources: samples.bare[0].resources,
            bareMs: ms("bare"),
            programMs: ms("program"),
            planMs: ms("plan"),
            programOverhead: +(ms("program") / ms("bare")).toFixed(2),
            planOverhead: +(ms("plan") / ms("bare")).toFixed(2),
            msPerResource: +(ms("plan") / samples.plan[0].resources).toFixed(2),
            bareRssMb: rss("bare"),
            planRssMb: rss("plan"),
            reps,
        });
    }
    console.log("\nPlan scale: hub-and-spoke with N spokes on the emulator (median ms; overhead = library / bare program)\n");
    console.log(
        table(
            ["spokes", "resources", "bare ms", "program ms", "plan ms", "program/bare", "plan/bare", "ms/resource", "bare MB", "plan MB"],
            rows.map((r) => [r.spokes, r.resources, r.bareMs, r.programMs, r.planMs, r.programOverhead, r.planOverhead, r.msPerResource, r.bareRssMb, r.planRssMb] as Array<string | number>),
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

async function pathFor(spokes: number) {
    const frames = Error.stackTraceLimit;
    Error.stackTraceLimit = 1; // see cli/plan.ts
    const emulator = new AlibabaCloudEmulator().install({ project: "alicloud-vpn", stack: "bench" });
    await emulator.run(() => void hubAndSpoke(syntheticHubAndSpoke(spokes)));
    Error.stackTraceLimit = frames;
    const result = criticalPath(emulator.state.resources, CREATION_SECONDS, creationLock);
    const hubGateway = emulator.ofType(TYPES.gateway).find((g) => g.name === "tokyo-gateway")!;
    const byName = new Map(emulator.state.resources.map((r) => [r.name, r]));
    const onHubQueue = (name: string) => creationLock(byName.get(name)!) === `gateway ${hubGateway.id}`;
    const seconds = (steps: typeof result.steps) => steps.reduce((sum, s) => sum + (CREATION_SECONDS[s.type] ?? 0), 0);
    const queue = result.steps.filter((s) => onHubQueue(s.name));
    const before = result.steps.filter((s) => !onHubQueue(s.name));
    return { spokes, result, queue, before, queueSeconds: seconds(queue), beforeSeconds: seconds(before) };
}

/** "2 x vSwitch (20 s)" per type, in path order. */
function summarise(steps: Array<{ type: string }>): string {
    const counts = new Map<string, number>();
    steps.forEach((s) => counts.set(s.type, (counts.get(s.type) ?? 0) + 1));
    return [...counts].map(([type, n]) => `${n} x ${type.split(":").pop()} (${n * (CREATION_SECONDS[type] ?? 0)} s)`).join(", ");
}

async function criticalPaths(): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const spokes of [SPOKES[0], SPOKES[SPOKES.length - 1]]) {
        const { result, queue, before, queueSeconds, beforeSeconds } = await pathFor(spokes);
        rows.push({
            spokes,
            seconds: result.seconds,
            minutes: +(result.seconds / 60).toFixed(1),
            hubQueueSeconds: queueSeconds,
            hubQueueShare: +(queueSeconds / result.seconds).toFixed(2),
            hubQueue: summarise(queue),
            beforeQueueSeconds: beforeSeconds,
            beforeQueue: summarise(before),
        });
    }
    console.log("\nApply critical path of `pulumi up` (recorded dependency graph, documented creation times, Alibaba's one-at-a-time queues)\n");
    console.log(
        table(
            ["spokes", "critical path", "hub gateway queue", "share", "queue: what", "before the queue"],
            rows.map((r) => [
                r.spokes as number,
                `${r.seconds} s (${r.minutes} min)`,
                `${r.hubQueueSeconds} s`,
                `${Math.round(100 * Number(r.hubQueueShare))} %`,
                r.hubQueue as string,
                `${r.beforeQueueSeconds} s: ${r.beforeQueue}`,
            ]),
        ),
    );
    if (rows.length === 2) {
        const [small, large] = rows;
        const growth = Number(large.seconds) - Number(small.seconds);
        const queueGrowth = Number(large.hubQueueSeconds) - Number(small.hubQueueSeconds);
        console.log(`\nFrom ${small.spokes} to ${large.spokes} spokes the path grows by ${growth} s, of which ${queueGrowth} s is the hub gateway's queue.`);
    }
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
