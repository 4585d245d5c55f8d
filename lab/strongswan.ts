// One strongSwan charon per lab site, each in its own network namespace, driven through swanctl/vici.
// How to run several charons on one machine and why kernel-libipsec: docs/notes.md
// ("Real IPsec in network namespaces"). Keys: strongswan.conf(5), swanctl.conf(5), swanctl(8).
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { STRONGSWAN_CONF_BEGIN, STRONGSWAN_CONF_END } from "../renderers/strongswan";
import { run, stopProcess, waitFor } from "./exec";

export const CHARON = "/usr/lib/ipsec/charon";
export const SWANCTL = "swanctl";

/**
 * The instance's strongswan.conf. Debian's packaging loads plugins modularly from
 * /etc/strongswan.d/charon/*.conf; we include those, then override:
 * - kernel-libipsec: this kernel has no XFRM ESP, so ESP runs in userspace over a TUN device (ipsec0), with
 *   routes in table 220, and UDP encapsulation is forced (docs/notes.md), so both ends must allow NAT-T.
 * - vici socket in the instance's directory, so swanctl reaches this charon and no other.
 * - bypass-lan off: it would install bypass policies for the lab's own addresses.
 * - filelog: negotiation failures (NO_PROPOSAL_CHOSEN, ...) are read from this file; syslog stays quiet.
 * `charonSettings` are `key = value` lines for the charon section taken from the rendered config's own
 * strongswan.conf block (renderedCharonSettings: the IKE retransmission timing the peer renderer prescribes).
 */
export function instanceStrongswanConf(dir: string, charonSettings: readonly string[] = []): string {
    return [
        "# strongswan.conf of one lab instance (lab/strongswan.ts). Not part of the rendered peer config.",
        "charon {",
        ...charonSettings.map((line) => `    ${line}`),
        "    load_modular = yes",
        "    plugins {",
        "        include /etc/strongswan.d/charon/*.conf",
        "        kernel-libipsec {",
        "            load = yes",
        "        }",
        "        bypass-lan {",
        "            load = no",
        "        }",
        "        vici {",
        `            socket = unix://${dir}/charon.vici`,
        "        }",
        "    }",
        "    filelog {",
        "        lab {",
        `            path = ${dir}/charon.log`,
        "            time_format = %H:%M:%S",
        "            ike_name = yes",
        "            flush_line = yes",
        "            default = 1",
        "            ike = 2",
        "            cfg = 2",
        "        }",
        "    }",
        "    syslog {",
        "        daemon {",
        "            default = -1",
        "        }",
        "    }",
        "}",
        "",
    ].join("\n");
}

/**
 * The `key = value` lines of the charon section of the strongswan.conf block a rendered swanctl.conf carries
 * as comments (between STRONGSWAN_CONF_BEGIN and _END, renderers/strongswan.ts); none when it has no such block.
 */
export function renderedCharonSettings(swanctlConf: string): string[] {
    const lines = swanctlConf.split("\n");
    const begin = lines.indexOf(STRONGSWAN_CONF_BEGIN);
    const end = lines.indexOf(STRONGSWAN_CONF_END);
    if (begin < 0 || end < begin) {
        return [];
    }
    return lines
        .slice(begin + 1, end)
        .map((line) => line.replace(/^# ?/, ""))
        .filter((line) => /^\s+[a-z_]+ = \S+$/.test(line))
        .map((line) => line.trim());
}

/** A vici message as `swanctl --raw` prints it: nested sections, key=value, key=[list items]. */
export type ViciValue = string | string[] | ViciSection;
export interface ViciSection {
    [key: string]: ViciValue;
}

/** One IKE SA of `swanctl --list-sas`: its connection name and its vici section. */
export interface IkeSaEntry {
    name: string;
    sa: ViciSection;
}

/**
 * Parses `swanctl --list-sas --raw` output: one line per event, `list-sa event {name {k=v k=[a b] sub {..}}}`.
 * Returns every IKE SA in order (one connection may have several, e.g. when both ends initiated).
 * Values are bare tokens (no spaces in anything the lab uses).
 */
export function parseRawSas(text: string): IkeSaEntry[] {
    const sas: IkeSaEntry[] = [];
    for (const line of text.split("\n")) {
        const match = /^list-sa event \{(.*)\}\s*$/.exec(line.trim());
        if (!match) {
            continue;
        }
        const tokens = match[1].match(/\[[^\]]*\]|[^\s{}]+=\[[^\]]*\]|[^\s{}]+|[{}]/g) ?? [];
        let i = 0;
        const section = (): ViciSection => {
            const out: ViciSection = {};
            while (i < tokens.length && tokens[i] !== "}") {
                const token = tokens[i++];
                if (tokens[i] === "{") {
                    i++;
                    out[token] = section();
                    i++; // "}"
                } else {
                    const eq = token.indexOf("=");
                    const key = token.slice(0, eq);
                    const raw = token.slice(eq + 1);
                    out[key] = raw.startsWith("[") ? raw.slice(1, -1).split(/\s+/).filter(Boolean) : raw;
                }
            }
            return out;
        };
        for (const [name, sa] of Object.entries(section())) {
            if (typeof sa === "object" && !Array.isArray(sa)) {
                sas.push({ name, sa });
            }
        }
    }
    return sas;
}

export interface ChildSaInfo {
    ike: string;
    name: string;
    state: string;
    encr: string;
    integ?: string;
    dh?: string;
    localTs: string[];
    remoteTs: string[];
    encap: boolean;
}

/** The IKE SA's negotiated algorithms as swanctl names them, e.g. "AES_CBC-256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024". */
export function ikeAlgorithms(sa: ViciSection): string {
    const key = sa["encr-keysize"] ? `-${sa["encr-keysize"]}` : "";
    return [`${sa["encr-alg"]}${key}`, sa["integ-alg"], sa["prf-alg"], sa["dh-group"]].filter(Boolean).join("/");
}

/** A CHILD_SA's negotiated ESP algorithms, e.g. "AES_CBC-256/HMAC_SHA1_96/MODP_1024" (the DH group only with PFS). */
export function espAlgorithms(child: ViciSection): string {
    const key = child["encr-keysize"] ? `-${child["encr-keysize"]}` : "";
    return [`${child["encr-alg"]}${key}`, child["integ-alg"], child["dh-group"]].filter(Boolean).join("/");
}

export function childSas(sas: readonly IkeSaEntry[]): ChildSaInfo[] {
    const out: ChildSaInfo[] = [];
    for (const { name: ike, sa } of sas) {
        for (const [name, child] of Object.entries((sa["child-sas"] as ViciSection | undefined) ?? {})) {
            const c = child as ViciSection;
            const key = c["encr-keysize"] ? `-${c["encr-keysize"]}` : "";
            out.push({
                ike,
                name: String(c.name ?? name),
                state: String(c.state),
                encr: `${c["encr-alg"]}${key}`,
                integ: c["integ-alg"] as string | undefined,
                dh: c["dh-group"] as string | undefined,
                localTs: (c["local-ts"] as string[] | undefined) ?? [],
                remoteTs: (c["remote-ts"] as string[] | undefined) ?? [],
                encap: c.encap === "yes",
            });
        }
    }
    return out;
}

/** A charon in a network namespace with its own /run, strongswan.conf, vici socket and log. */
export class CharonInstance {
    private process: ChildProcess | undefined;
    private exited: Promise<void> | undefined;
    readonly swanctlFile: string;
    readonly logFile: string;
    readonly uri: string;

    constructor(
        readonly namespace: string,
        /** The instance directory (mode 700: the swanctl.conf holds pre-shared keys). */
        readonly dir: string,
        swanctlConf: string,
    ) {
        fs.mkdirSync(path.join(dir, "swanctl"), { recursive: true, mode: 0o700 });
        this.swanctlFile = path.join(dir, "swanctl", "swanctl.conf");
        this.logFile = path.join(dir, "charon.log");
        this.uri = `unix://${dir}/charon.vici`;
        fs.writeFileSync(path.join(dir, "strongswan.conf"), instanceStrongswanConf(dir, renderedCharonSettings(swanctlConf)));
        this.writeSwanctlConf(swanctlConf);
    }

    writeSwanctlConf(text: string): void {
        fs.writeFileSync(this.swanctlFile, text, { mode: 0o600 });
    }

    get pid(): number | undefined {
        return this.process?.exitCode === null && this.process.signalCode === null ? this.process.pid : undefined;
    }

    /**
     * Starts charon and waits (bounded) until its vici socket answers. `ip netns exec` and `unshare -m`
     * exec in place, so the spawned pid is charon's own: the lab stops exactly the process it started.
     * /run is a private tmpfs so each charon has its own pid file (docs/notes.md).
     */
    async start(timeoutMs = 10_000): Promise<void> {
        if (this.pid !== undefined) {
            throw new Error(`charon in ${this.namespace} already runs (pid ${this.pid})`);
        }
        const child = spawn(
            "ip",
            ["netns", "exec", this.namespace, "unshare", "--mount", "--propagation", "private", "sh", "-c", 'mount -t tmpfs lab-run /run && exec "$0"', CHARON],
            { env: { ...process.env, STRONGSWAN_CONF: path.join(this.dir, "strongswan.conf") }, stdio: ["ignore", "ignore", "pipe"] },
        );
        let stderr = "";
        child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
        this.process = child;
        this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
        const up = await waitFor(async () => {
            if (child.exitCode !== null || child.signalCode !== null) {
                throw new Error(`charon in ${this.namespace} exited at start (${child.exitCode ?? child.signalCode}): ${stderr.trim()} (log: ${this.logFile})`);
            }
            return (await this.swanctl(["--stats"], 2000)).code === 0;
        }, timeoutMs);
        if (!up) {
            await this.stop("SIGKILL");
            throw new Error(`charon in ${this.namespace} did not open its vici socket within ${timeoutMs} ms (log: ${this.logFile})`);
        }
    }

    /** Stops the charon this instance started: `signal` first, SIGKILL after a bounded wait. */
    async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 5000): Promise<void> {
        const child = this.process;
        if (!child || this.pid === undefined) {
            return;
        }
        await stopProcess(child, this.exited!, signal, timeoutMs);
    }

    /** swanctl against this instance; SWANCTL_DIR makes --load-all read the instance's swanctl.conf. */
    swanctl(args: readonly string[], timeoutMs = 10_000) {
        return run(SWANCTL, [...args, "--uri", this.uri], {
            timeoutMs,
            env: { ...process.env, SWANCTL_DIR: path.join(this.dir, "swanctl") },
        });
    }

    async loadAll(): Promise<void> {
        const result = await this.swanctl(["--load-all", "--noprompt", "--file", this.swanctlFile]);
        if (result.code !== 0) {
            throw new Error(`swanctl --load-all in ${this.namespace} failed: ${result.stdout}${result.stderr}`);
        }
    }

    async listSas(): Promise<{ raw: string; sas: IkeSaEntry[] }> {
        const result = await this.swanctl(["--list-sas", "--raw"]);
        return { raw: result.stdout, sas: parseRawSas(result.stdout) };
    }

    log(): string {
        return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8") : "";
    }
}
