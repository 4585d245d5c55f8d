// Process helpers for the lab: every command is an argument array (execFile/spawn, never a shell string
// built from data), every wait is bounded.
import { ChildProcess, execFile } from "node:child_process";

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs `file args` with a timeout (default 10 s); never throws for a non-zero exit, only for a spawn error. */
export function run(file: string, args: readonly string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        execFile(
            file,
            args as string[],
            { timeout: options.timeoutMs ?? 10_000, env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024, killSignal: "SIGKILL" },
            (error, stdout, stderr) => {
                if (error && typeof (error as NodeJS.ErrnoException).code === "string") {
                    // ENOENT and friends: the binary is missing.
                    reject(error);
                    return;
                }
                const code = error ? ((error as { code?: number }).code ?? 1) : 0;
                resolve({ code: typeof code === "number" ? code : 1, stdout: String(stdout), stderr: String(stderr) });
            },
        );
    });
}

/** Like run(), but throws with the command and its stderr on a non-zero exit. */
export async function runOk(file: string, args: readonly string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    const result = await run(file, args, options);
    if (result.code !== 0) {
        throw new Error(`${file} ${args.join(" ")} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
    }
    return result.stdout;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every `intervalMs` until it returns a value other than undefined/false, or `timeoutMs`
 * passes (then returns undefined). Bounded by construction.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) {
            return value;
        }
        if (Date.now() >= deadline) {
            return undefined;
        }
        await sleep(intervalMs);
    }
}

/** Seconds with one decimal, for summary lines. */
export function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}

/** Stops a daemon the lab started: `signal` first, SIGKILL after a bounded wait; resolves once it is gone (or 2 s more). */
export async function stopProcess(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 5000): Promise<void> {
    child.kill(signal);
    const gone = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!gone) {
        child.kill("SIGKILL");
        await Promise.race([exited, sleep(2000)]);
    }
}
