// An OpenVPN process in a lab site's namespace, for the OpenVPN mesh scenario (3). The config is run as
// given (e.g. the library's rendered server/client configs); `files` are written beside it first, and
// OpenVPN runs with --cd in that directory so relative paths (ca.crt, ccd/, ta.key) resolve there.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { sleep, stopProcess, waitFor } from "./exec";

export class OpenvpnInstance {
    private process: ChildProcess | undefined;
    private exited: Promise<void> | undefined;
    readonly configFile: string;
    readonly logFile: string;

    constructor(
        readonly namespace: string,
        readonly dir: string,
        config: string,
        files: Record<string, string>,
    ) {
        for (const [name, text] of Object.entries(files)) {
            const file = path.join(dir, name);
            if (!file.startsWith(dir + path.sep)) {
                throw new Error(`file name ${name} leaves the site directory`);
            }
            fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
            fs.writeFileSync(file, text, { mode: 0o600 });
        }
        this.configFile = path.join(dir, "openvpn.conf");
        this.logFile = path.join(dir, "openvpn.log");
        fs.writeFileSync(this.configFile, config, { mode: 0o600 });
    }

    get pid(): number | undefined {
        return this.process?.exitCode === null && this.process.signalCode === null ? this.process.pid : undefined;
    }

    /** Starts openvpn (`ip netns exec` execs in place: the pid is openvpn's). Readiness is the scenario's to wait for. */
    async start(): Promise<void> {
        const child = spawn("ip", ["netns", "exec", this.namespace, "openvpn", "--cd", this.dir, "--config", this.configFile, "--log", this.logFile], {
            stdio: "ignore",
        });
        this.process = child;
        this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
        await sleep(200);
        if (this.pid === undefined) {
            throw new Error(`openvpn in ${this.namespace} exited at start (log: ${this.logFile})`);
        }
    }

    async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 5000): Promise<void> {
        const child = this.process;
        if (!child || this.pid === undefined) {
            return;
        }
        await stopProcess(child, this.exited!, signal, timeoutMs);
    }

    log(): string {
        return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8") : "";
    }
}

/**
 * Polls the instance's log every 100 ms until it contains `text` (e.g. "Initialization Sequence Completed")
 * or `timeoutMs` passes; returns the ms waited from `since`, or undefined on timeout. Throws at once if the
 * process is gone (its log then says why).
 */
export async function waitForOpenvpnLog(instance: OpenvpnInstance, text: string, since: number, timeoutMs: number): Promise<number | undefined> {
    return waitFor(async () => {
        if (instance.log().includes(text)) {
            return Date.now() - since;
        }
        if (instance.pid === undefined) {
            throw new Error(`openvpn in ${instance.namespace} exited before logging "${text}" (log: ${instance.logFile})`);
        }
        return undefined;
    }, timeoutMs);
}
