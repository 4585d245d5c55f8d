// The lab's network: one namespace per site, all joined by one "internet" namespace holding a bridge.
// Sites carry their public addresses (gateway IPs, customer gateway IPs, exactly as the emulator and the
// stack config give them) on their `wan0` veth, LAN addresses on `lo` (this kernel has no `dummy` link
// type, docs/notes.md). Nothing is added to the host's own namespace: every link is created directly inside
// the lab's namespaces, and traffic only flows between them.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run, runOk, sleep, stopProcess } from "./exec";
import { frrMissing } from "./frr";
import { libreswanMissing } from "./libreswan";
import { OpenvpnInstance } from "./openvpn";
import { CHARON, CharonInstance } from "./strongswan";

/** Every lab namespace is named `alab-<pid of the node process that made it>-<lab number>-<site>`. */
export const LAB_PREFIX = "alab-";

export type DaemonSpec =
    /** strongSwan charon loading this swanctl.conf verbatim (the lab adds only its strongswan.conf). */
    | { kind: "strongswan"; swanctlConf: string }
    /** OpenVPN with this config; `files` (keys, certificates, ccd/...) are written beside it first. */
    | { kind: "openvpn"; config: string; files?: Record<string, string> }
    | { kind: "none" };

export interface SiteSpec {
    /** Short name: letters, digits, dashes (it becomes part of the namespace name). */
    name: string;
    /** Addresses on the site's internet link (wan0), each a /32. */
    publicIps: string[];
    /** Addresses behind the site (VPC hosts, office LAN hosts), each a /32 on lo. */
    lanAddresses: string[];
    /**
     * Addresses on lo for the lab's IPsec stack only, never for traffic (default none). kernel-libipsec
     * routes a policy's remote selector into ipsec0 from a local address inside its LOCAL selector, and
     * when the site has none it fails the whole CHILD_SA ("error installing route with policy"), where the
     * kernel's XFRM backend just skips the route. A hub's transit selectors (its local side lists the other
     * spokes' blocks) need one such address per block: see buildAlibabaSites.
     */
    routeAnchors?: string[];
    daemon: DaemonSpec;
    /**
     * Forward packets between interfaces (ip_forward): a VPN gateway relaying between its VPC and several
     * tunnels (a hub: spoke -> ipsec0 -> hub -> ipsec0 -> spoke), an OpenVPN server. Default false.
     */
    forward?: boolean;
    /** What the site plays, for reports: e.g. "alibaba gateway vpn-bp1... (cn-hangzhou)". */
    description?: string;
}

export interface PingResult {
    from: string;
    to: string;
    sent: number;
    received: number;
}

export class Site {
    charon: CharonInstance | undefined;
    openvpn: OpenvpnInstance | undefined;

    constructor(
        readonly lab: Lab,
        readonly spec: SiteSpec,
        readonly namespace: string,
        readonly dir: string,
    ) {
        if (spec.daemon.kind === "strongswan") {
            this.charon = new CharonInstance(namespace, dir, spec.daemon.swanctlConf);
        } else if (spec.daemon.kind === "openvpn") {
            this.openvpn = new OpenvpnInstance(namespace, dir, spec.daemon.config, spec.daemon.files ?? {});
        }
    }

    get name(): string {
        return this.spec.name;
    }

    /** The strongSwan instance; throws for sites running something else. */
    get strongswan(): CharonInstance {
        if (!this.charon) {
            throw new Error(`site ${this.name} runs ${this.spec.daemon.kind}, not strongswan`);
        }
        return this.charon;
    }

    /** Runs a command inside the site's namespace. */
    exec(file: string, args: readonly string[], timeoutMs = 10_000) {
        return run("ip", ["netns", "exec", this.namespace, file, ...args], { timeoutMs });
    }

    /** Starts the site's daemon; for strongSwan also loads its config (which starts start_action=start tunnels). */
    async startDaemon(): Promise<void> {
        if (this.charon) {
            await this.charon.start();
            await this.charon.loadAll();
        } else if (this.openvpn) {
            await this.openvpn.start();
        }
    }

    async stopDaemon(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
        await this.charon?.stop(signal);
        await this.openvpn?.stop(signal);
    }

    /**
     * Starts `tcpdump -n -vvv -l <filter...>` on the site's wan0 and returns stop(), which ends it (SIGTERM, by
     * the pid the lab spawned: `ip netns exec` execs in place) and resolves with what it printed. A capture still
     * running when the lab closes dies with the namespace (Lab.close kills every process inside).
     */
    async capture(filter: readonly string[]): Promise<{ stop: () => Promise<string>; text: () => string }> {
        const child = spawn("ip", ["netns", "exec", this.namespace, "tcpdump", "-i", "wan0", "-n", "-vvv", "-l", "-s", "0", ...filter], { stdio: ["ignore", "pipe", "pipe"] });
        let text = "";
        let stderr = "";
        child.stdout?.on("data", (chunk) => (text += String(chunk)));
        child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        // tcpdump says "listening on wan0" once the capture runs; bounded wait.
        for (let i = 0; i < 50 && !stderr.includes("listening on") && child.exitCode === null; i++) {
            await sleep(100);
        }
        if (!stderr.includes("listening on")) {
            await stopProcess(child, exited, "SIGKILL", 1000);
            throw new Error(`tcpdump in ${this.namespace} did not start: ${stderr.trim()}`);
        }
        return {
            stop: async () => {
                await stopProcess(child, exited, "SIGTERM", 3000);
                return text;
            },
            /** What was captured so far. */
            text: () => text,
        };
    }

    /** `count` pings from `from` (an address of this site) to `to`, 0.2 s apart, 1 s timeout each. */
    async ping(from: string, to: string, count = 4): Promise<PingResult> {
        const result = await this.exec("ping", ["-n", "-q", "-c", String(count), "-i", "0.2", "-W", "1", "-I", from, to], 5000 + count * 1500);
        const match = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(result.stdout);
        return { from, to, sent: match ? Number(match[1]) : count, received: match ? Number(match[2]) : 0 };
    }
}

/** Why the lab cannot run here, or undefined when it can (root, Linux, iproute2, strongSwan, netns rights). */
/** What a scenario needs installed (LabScenario.needs). */
export interface LabNeeds {
    strongswan?: boolean;
    openvpn?: boolean;
    /** nft (nftables): the failover scenario drops a path on the internet namespace's bridge. */
    nft?: boolean;
    /** tcpdump: the hypermotion scenario reads the IKEv1 proposal's lifetime off the wire. */
    tcpdump?: boolean;
    /** libreswan unpacked from Debian's .deb (lab/libreswan.ts, .ci/run). */
    libreswan?: boolean;
    /** FRR's zebra, bgpd and vtysh (Debian package frr): the BGP scenario (lab/frr.ts). */
    frr?: boolean;
}

export async function labPrerequisites(needs: LabNeeds = { strongswan: true }): Promise<string | undefined> {
    if (process.platform !== "linux") {
        return `network namespaces need Linux (this is ${process.platform})`;
    }
    if (typeof process.getuid === "function" && process.getuid() !== 0) {
        return "network namespaces need root (CI runs as root)";
    }
    const missing: string[] = [];
    const has = async (file: string, args: string[]) => {
        try {
            await run(file, args, { timeoutMs: 5000 });
            return true;
        } catch {
            return false;
        }
    };
    if (!(await has("ip", ["-V"]))) missing.push("ip (iproute2)");
    if (!(await has("ping", ["-V"]))) missing.push("ping (iputils-ping)");
    if (needs.strongswan) {
        if (!fs.existsSync(CHARON)) missing.push(`${CHARON} (strongswan-charon)`);
        if (!(await has("swanctl", ["--version"]))) missing.push("swanctl (strongswan-swanctl)");
        if (!fs.existsSync("/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so")) missing.push("kernel-libipsec plugin (libcharon-extra-plugins)");
    }
    if (needs.openvpn && !(await has("openvpn", ["--version"]))) missing.push("openvpn");
    if (needs.nft && !(await has("nft", ["--version"]))) missing.push("nft (nftables)");
    if (needs.tcpdump && !(await has("tcpdump", ["--version"]))) missing.push("tcpdump");
    const libreswan = needs.libreswan ? libreswanMissing() : undefined;
    if (libreswan) missing.push(libreswan);
    const frr = needs.frr ? frrMissing() : undefined;
    if (frr) missing.push(frr);
    if (missing.length > 0) {
        const extra = [needs.openvpn ? "openvpn" : "", needs.nft ? "nftables" : "", needs.tcpdump ? "tcpdump" : ""].filter(Boolean);
        return `missing ${missing.join(", ")}; install: apt-get install -y strongswan-swanctl strongswan-charon libcharon-extra-plugins iproute2 iputils-ping${extra.map((p) => ` ${p}`).join("")}`;
    }
    const probe = `${LAB_PREFIX}${process.pid}-probe`;
    const added = await run("ip", ["netns", "add", probe]);
    if (added.code !== 0) {
        return `cannot create network namespaces: ${added.stderr.trim()}`;
    }
    await run("ip", ["netns", "del", probe]);
    return undefined;
}

/** True while process `pid` exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}

/**
 * Removes namespaces a previous lab run left behind (its node process died before `close`): only
 * `alab-<pid>-*` whose pid is gone, after killing the processes still inside them (charons it started).
 */
export async function cleanupStaleNamespaces(): Promise<string[]> {
    return removeLabNamespaces((pid) => !isAlive(pid));
}

/** Labs of this process not closed yet, for abortLabs(). */
const openLabs = new Set<Lab>();
let aborted = false;
/** Numbers the labs of this process: a lab still running after a test timed out never shares a namespace with the next. */
let labSequence = 0;

/**
 * An interrupted run (the CLI calls it on SIGINT/SIGTERM, when `finally` blocks will not run): refuses
 * new namespaces, closes every open lab (daemons, namespaces, key files), then sweeps this process's
 * namespaces twice, in case an `ip netns add` was in flight.
 */
export async function abortLabs(): Promise<void> {
    aborted = true;
    await closeOpenLabs();
}

/** Closes every lab of this process still open (a scenario whose test timed out runs on), then sweeps its namespaces. */
export async function closeOpenLabs(): Promise<void> {
    for (const lab of [...openLabs]) {
        await lab.close().catch(() => undefined);
    }
    await removeLabNamespaces((pid) => pid === process.pid);
    await sleep(500);
    await removeLabNamespaces((pid) => pid === process.pid);
}

async function removeLabNamespaces(select: (pid: number) => boolean): Promise<string[]> {
    return removeNamespacesOf(LAB_PREFIX, select);
}

/**
 * Deletes the namespaces named `<prefix><pid>-…` whose pid `select` picks, after killing the processes inside
 * them. The lab (`alab-`) and the throughput benchmark (`bench-`) each sweep their own prefix with it.
 */
export async function removeNamespacesOf(prefix: string, select: (pid: number) => boolean): Promise<string[]> {
    const listed = await run("ip", ["netns", "list"]);
    const removed: string[] = [];
    for (const line of listed.stdout.split("\n")) {
        const name = line.split(" ")[0];
        const match = new RegExp(`^${prefix}(\\d+)-`).exec(name);
        if (!match || !select(Number(match[1]))) {
            continue;
        }
        await removeNamespace(name);
        removed.push(name);
    }
    return removed;
}

/** Kills the processes inside `namespace` and deletes it. */
export async function removeNamespace(namespace: string): Promise<void> {
    await killNamespaceProcesses(namespace);
    await run("ip", ["netns", "del", namespace]);
}

/** SIGKILLs the processes inside one of the lab's own namespaces, by pid. */
async function killNamespaceProcesses(namespace: string): Promise<void> {
    const pids = await run("ip", ["netns", "pids", namespace]);
    for (const pid of pids.stdout.split(/\s+/).filter(Boolean).map(Number)) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
}

/**
 * One lab run: an internet namespace with a bridge, and sites attached to it. Always `close()` it
 * (in `finally`): it stops the daemons, deletes the namespaces and the temporary directory.
 */
export class Lab {
    readonly sites = new Map<string, Site>();
    readonly internet: string;
    readonly dir: string;
    /** `alab-<pid>-<n>-`: every namespace of this lab, and only this lab, starts with it. */
    private readonly prefix: string;
    private readonly namespaces: string[] = [];
    private closed = false;

    private constructor(readonly name: string) {
        this.prefix = `${LAB_PREFIX}${process.pid}-${++labSequence}-`;
        this.internet = `${this.prefix}inet`;
        // Config files hold pre-shared keys: a private directory.
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `lab-${name}-`));
        fs.chmodSync(this.dir, 0o700);
        openLabs.add(this);
    }

    /** Cleans stale namespaces, then creates the internet namespace. */
    static async open(name: string): Promise<Lab> {
        await cleanupStaleNamespaces();
        const lab = new Lab(name);
        try {
            await lab.addNamespace(lab.internet);
            await runOk("ip", ["-n", lab.internet, "link", "add", "br0", "type", "bridge"]);
            await runOk("ip", ["-n", lab.internet, "link", "set", "br0", "up"]);
        } catch (err) {
            await lab.close();
            throw err;
        }
        return lab;
    }

    private async addNamespace(namespace: string): Promise<void> {
        if (aborted || this.closed) {
            throw new Error(`lab ${this.name} is closed or aborted: not creating ${namespace}`);
        }
        // Names are unique to this lab: one that exists is someone else's, and is never replaced.
        await runOk("ip", ["netns", "add", namespace]);
        this.namespaces.push(namespace);
        await runOk("ip", ["-n", namespace, "link", "set", "lo", "up"]);
    }

    /** Creates the site's namespace, its internet link and addresses; does not start its daemon. */
    async addSite(spec: SiteSpec): Promise<Site> {
        if (!/^[a-z0-9][a-z0-9-]{0,23}$/.test(spec.name) || this.sites.has(spec.name) || spec.name === "inet") {
            throw new Error(`bad or duplicate site name "${spec.name}"`);
        }
        const namespace = `${this.prefix}${spec.name}`;
        await this.addNamespace(namespace);
        // Like the real internet, the bridge must not deliver private (LAN) addresses: answer ARP only for
        // addresses on the asking interface (arp_ignore=1), so a LAN host on lo is reachable through a
        // tunnel only, never in clear text over the bridge (ip-sysctl.rst). Constant script, no data in it.
        await runOk("ip", ["netns", "exec", namespace, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore && echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce"]);
        if (spec.forward) {
            await runOk("ip", ["netns", "exec", namespace, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"]);
            // A hub relays tunnel to tunnel, in and out of the same ipsec0: Linux would answer with an ICMP
            // redirect ("go direct"), meaningless through a tunnel and noise in the SA counters. No redirects
            // (all, and default for ipsec0/tun0 created later). Constant script.
            await runOk("ip", ["netns", "exec", namespace, "sh", "-c", "echo 0 > /proc/sys/net/ipv4/conf/all/send_redirects && echo 0 > /proc/sys/net/ipv4/conf/default/send_redirects"]);
        }
        // The veth pair is created straight into the two namespaces: wan0 in the site, sN on the bridge.
        const port = `s${this.sites.size}`;
        await runOk("ip", ["link", "add", "wan0", "netns", namespace, "type", "veth", "peer", "name", port, "netns", this.internet]);
        await runOk("ip", ["-n", this.internet, "link", "set", port, "master", "br0"]);
        await runOk("ip", ["-n", this.internet, "link", "set", port, "up"]);
        await runOk("ip", ["-n", namespace, "link", "set", "wan0", "up"]);
        for (const ip of spec.publicIps) {
            await runOk("ip", ["-n", namespace, "addr", "add", `${ip}/32`, "dev", "wan0"]);
        }
        // Every other public address is on the same bridge: reach it directly (ARP), no router needed.
        await runOk("ip", ["-n", namespace, "route", "add", "default", "dev", "wan0"]);
        for (const ip of [...spec.lanAddresses, ...(spec.routeAnchors ?? [])]) {
            await runOk("ip", ["-n", namespace, "addr", "add", `${ip}/32`, "dev", "lo"]);
        }
        const dir = path.join(this.dir, spec.name);
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const site = new Site(this, spec, namespace, dir);
        this.sites.set(spec.name, site);
        return site;
    }

    site(name: string): Site {
        const site = this.sites.get(name);
        if (!site) {
            throw new Error(`no site "${name}" in lab ${this.name} (sites: ${[...this.sites.keys()].join(", ")})`);
        }
        return site;
    }

    /** Starts every site's daemon, in the order the sites were added. */
    async startAll(): Promise<void> {
        for (const site of this.sites.values()) {
            await site.startDaemon();
        }
    }

    /** Stops every daemon, deletes every namespace and the directory. Safe to call twice. */
    async close(options: { keepDir?: boolean } = {}): Promise<void> {
        if (this.closed) {
            return;
        }
        this.closed = true;
        openLabs.delete(this);
        for (const site of this.sites.values()) {
            await site.stopDaemon().catch(() => undefined);
        }
        for (const namespace of [...this.namespaces].reverse()) {
            await killNamespaceProcesses(namespace);
            await run("ip", ["netns", "del", namespace]);
        }
        if (!options.keepDir) {
            fs.rmSync(this.dir, { recursive: true, force: true });
        }
    }
}
