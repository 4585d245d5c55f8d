// The critical path of `pulumi up`: Pulumi creates a resource once everything it depends on exists and runs
// the rest in parallel, while Alibaba runs some creations one at a time (one gateway's configuration, one
// VPC's route entries). The wall time of an up is then the end of a schedule of the recorded dependency
// graph under those locks. Pure: resources, durations and locks in, the schedule's critical chain out.
import { RecordedResource } from "../emulator";

export interface PathStep {
    name: string;
    type: string;
    /** Seconds after the start of the up at which this resource exists. */
    finishedAt: number;
    /** Set when the step waited for a lock (another creation on the same gateway or route table) rather than a dependency. */
    queuedOn?: string;
}

export interface CriticalPath {
    /** Seconds from the start of the up until the last resource exists. */
    seconds: number;
    /** The chain that takes that long, first resource first (component resources left out). */
    steps: PathStep[];
}

interface Scheduled {
    finish: number;
    /** What made it start when it did: a dependency, or the previous holder of its lock. */
    via?: string;
    queuedOn?: string;
}

/**
 * `durations` maps a type token to its creation seconds (unlisted types take 0: providers, components,
 * random passwords). A component exists once all its children do (dependsOn a component waits for its
 * children). `lockOf` names the lock a creation holds; creations holding one lock run one at a time, the
 * earliest ready first, as the provider's retries of "...Configuring"/"TaskConflict" errors make them.
 */
export function criticalPath(
    resources: readonly RecordedResource[],
    durations: Readonly<Record<string, number>>,
    lockOf: (resource: RecordedResource) => string | undefined = () => undefined,
): CriticalPath {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const waits = new Map<string, string[]>();
    for (const r of resources) {
        const own = r.dependencies.filter((urn) => byUrn.has(urn));
        waits.set(r.urn, [...(waits.get(r.urn) ?? []), ...own]);
        if (r.parent && byUrn.has(r.parent) && !byUrn.get(r.parent)!.custom) {
            waits.set(r.parent, [...(waits.get(r.parent) ?? []), r.urn]);
        }
    }
    const scheduled = new Map<string, Scheduled>();
    const lockFree = new Map<string, { at: number; holder: string }>();
    let pending = [...resources];
    while (pending.length > 0) {
        let best: { resource: RecordedResource; start: number; via?: string; queuedOn?: string } | undefined;
        for (const resource of pending) {
            const deps = waits.get(resource.urn) ?? [];
            if (!deps.every((urn) => scheduled.has(urn))) {
                continue;
            }
            let ready = 0;
            let via: string | undefined;
            for (const urn of deps) {
                const at = scheduled.get(urn)!.finish;
                if (via === undefined || at > ready) {
                    ready = at;
                    via = urn;
                }
            }
            const lock = resource.custom ? lockOf(resource) : undefined;
            const held = lock ? lockFree.get(lock) : undefined;
            const candidate =
                held && held.at > ready ? { resource, start: held.at, via: held.holder, queuedOn: lock } : { resource, start: ready, via };
            if (!best || candidate.start < best.start) {
                best = candidate;
            }
        }
        if (!best) {
            throw new Error(`dependency cycle among ${pending.map((r) => r.name).join(", ")}`);
        }
        const { resource, start, via, queuedOn } = best;
        const finish = start + (resource.custom ? (durations[resource.type] ?? 0) : 0);
        scheduled.set(resource.urn, { finish, via, queuedOn });
        const lock = resource.custom ? lockOf(resource) : undefined;
        if (lock) {
            lockFree.set(lock, { at: finish, holder: resource.urn });
        }
        pending = pending.filter((r) => r !== resource);
    }
    let last: string | undefined;
    for (const [urn, s] of scheduled) {
        if (last === undefined || s.finish > scheduled.get(last)!.finish) {
            last = urn;
        }
    }
    const steps: PathStep[] = [];
    for (let urn = last; urn; urn = scheduled.get(urn)?.via) {
        const r = byUrn.get(urn)!;
        const s = scheduled.get(urn)!;
        if (r.custom) {
            steps.unshift({ name: r.name, type: r.type, finishedAt: s.finish, ...(s.queuedOn ? { queuedOn: s.queuedOn } : {}) });
        }
    }
    return { seconds: last ? scheduled.get(last)!.finish : 0, steps };
}
