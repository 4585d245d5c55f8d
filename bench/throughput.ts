// The "throughput" section of `npm run bench`: iperf3 (TCP) through real tunnels in network namespaces,
// side by side in one run, against the raw veth they all ride on:
//   raw veth             two namespaces joined by one veth pair (the underlay of every other row);
//   OpenVPN mesh         the library's rendered server config and huawei-es client (AES-256-GCM, no compression);
//   OpenVPN legacy       the mesh rendered with `legacyCompat`, and a client with seed 003's
//                        `cipher AES-256-CBC` + `comp-lzo` (CBC + HMAC-SHA1, LZO framing);
//   ... comp-lzo no      the same with the client's compression off (framing kept): what LZO itself costs;
//   IPsec HyperMotion    seed 000's office (library strongSwan rendering) and the translated Alibaba
//                        gateway, charon with kernel-libipsec (userspace ESP over TUN, UDP-encapsulated).
// Every path lives in its own namespace pair `bench-<pid>-<case>-{a,b}` (a = iperf3 client side, b = server
// side). All paths are built first, then iperf3 runs round-robin over them (a noisy machine hits every row
// alike); everything is deleted in `finally`, and namespaces a dead bench run left behind are removed at start.
// Ratios are medians of per-round quotients. A last line gives the crypto-only ceiling on one core
// (`openssl speed`, 1400-byte packets) to tell cipher cost from per-packet cost.
// Traffic flows only between those namespaces. Needs root, iproute2, iperf3; openvpn and strongSwan (with
// libcharon-extra-plugins) for their rows. Missing prerequisites print SKIPPED with the reason.
//   BENCH_IPERF_SECONDS=5   length of one iperf3 run
//   BENCH_IPERF_STREAMS=2   parallel TCP streams (-P)
//   BENCH_IPERF_RUNS=3      interleaved rounds (one run of every path each); medians are kept
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, loadStackConfig, planScenario } from "../cli/plan";
import { TYPES } from "../emulator";
import { buildAlibabaSites, hostAddress } from "../lab/alibabaSide";
import { run, runOk, waitFor } from "../lab/exec";
import { findTunnel, peerConnectionNames, peerSiteSpec } from "../lab/ipsec";
import { isAlive, removeNamespace, removeNamespacesOf } from "../lab/netns";
import { OpenvpnInstance } from "../lab/openvpn";
import { meshServerFiles } from "../lab/scenarios/openvpnMesh";
import { CHARON, CharonInstance, espAlgorithms } from "../lab/strongswan";
import { median, table } from "./table";

export const BENCH_NS_PREFIX = "bench-";

// ---------------------------------------------------------------------------------------------------
// Pure parts (unit-tested in tests/bench/throughput.test.ts)

export interface IperfRun {
    /** What the receiver got, Mbit/s (the figure reported). */
    receivedMbps: number;
    /** What the sender pushed, Mbit/s. */
    sentMbps: number;
    /** TCP retransmissions over all streams (sender side; 0 when iperf3 does not report them). */
    retransmits: number;
    seconds: number;
    streams: number;
}

/** Reads one `iperf3 -c ... -J` document (TCP). Throws with iperf3's own message on an error document. */
export function parseIperf3(text: string): IperfRun {
    let doc: {
        error?: string;
        start?: { test_start?: { num_streams?: number } };
        end?: {
            sum_sent?: { seconds?: number; bits_per_second?: number; retransmits?: number };
            sum_received?: { seconds?: number; bits_per_second?: number };
        };
    };
    try {
        doc = JSON.parse(text);
    } catch {
        throw new Error(`iperf3 printed no JSON: ${text.trim().slice(0, 200) || "(nothing)"}`);
    }
    if (doc.error) {
        throw new Error(`iperf3: ${doc.error}`);
    }
    const sent = doc.end?.sum_sent;
    const received = doc.end?.sum_received;
    if (typeof received?.bits_per_second !== "number" || typeof sent?.bits_per_second !== "number") {
        throw new Error("iperf3 JSON has no end.sum_sent/sum_received (not a TCP test?)");
    }
    const mbps = (bps: number) => +(bps / 1e6).toFixed(1);
    return {
        receivedMbps: mbps(received.bits_per_second),
        sentMbps: mbps(sent.bits_per_second),
        retransmits: sent.retransmits ?? 0,
        seconds: +(received.seconds ?? sent.seconds ?? 0).toFixed(2),
        streams: doc.start?.test_start?.num_streams ?? 1,
    };
}

/**
 * Seed 003's client data channel (its article's client.conf: `cipher AES-256-CBC`, `comp-lzo`,
 * `allow-compression yes`) in place of the rendered one. `data-ciphers AES-256-CBC` makes a 2.6 client
 * offer only that cipher, as a client from before cipher negotiation (2.3, or 2.4 without NCP) does.
 * `lzo: "no"` keeps the LZO framing byte but never compresses (`comp-lzo no`): the same CBC path without
 * the compression attempt, to tell the two costs apart.
 */
export function seedLegacyClientConfig(rendered: string, lzo: "adaptive" | "no" = "adaptive"): string {
    const lines = rendered.split("\n");
    const dataChannel = /^(data-ciphers|data-ciphers-fallback|cipher|comp-lzo|compress|allow-compression)(\s|$)|^# Legacy compatibility/;
    const at = lines.findIndex((l) => dataChannel.test(l));
    if (at < 0) {
        throw new Error("the rendered client config has no data-channel options to replace");
    }
    const kept = lines.filter((l) => !dataChannel.test(l));
    const compression = lzo === "adaptive" ? ["comp-lzo", "allow-compression yes"] : ["comp-lzo no", "allow-compression asym"];
    kept.splice(at, 0, "# Seed 003's client data channel (bench): CBC + HMAC and LZO framing.", "cipher AES-256-CBC", "data-ciphers AES-256-CBC", ...compression);
    return kept.join("\n");
}

/** "Data Channel: cipher 'AES-256-CBC', auth 'SHA1', peer-id: 0, compression: 'lzo'" -> "AES-256-CBC/SHA1, lzo framing". */
export function dataChannelFromLog(log: string): string | undefined {
    const line = log.split("\n").find((l) => l.includes("Data Channel: cipher"));
    if (!line) return undefined;
    const cipher = /cipher '([^']+)'/.exec(line)![1];
    const auth = /auth '([^']+)'/.exec(line)?.[1];
    const compression = /compression: '([^']+)'/.exec(line)?.[1];
    return `${cipher}${auth ? `/${auth}` : ""}${compression ? `, ${compression} framing` : ""}`;
}

/**
 * The rate of one algorithm in `openssl speed -bytes N` output ("AES-256-GCM    1238353.74k": thousands
 * of bytes per second), in Mbit/s; `name` as openssl prints it (case-insensitive).
 */
export function parseOpensslSpeed(text: string, name: string): number | undefined {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const match = new RegExp(`^${escaped}\\s+([\\d.]+)k\\s*$`, "im").exec(text);
    return match ? +((Number(match[1]) * 1000 * 8) / 1e6).toFixed(0) : undefined;
}

/** Two primitives one after the other on the same bytes (encrypt, then MAC): 1 / (1/a + 1/b). */
export function serialRate(a: number, b: number): number {
    return +(1 / (1 / a + 1 / b)).toFixed(0);
}

export interface ThroughputRow {
    case: string;
    /** What runs: cipher, compression, where ESP runs. */
    what: string;
    /** Median received Mbit/s over the runs; undefined when the case did not run. */
    mbps?: number;
    runs?: IperfRun[];
    /** Median / raw veth median. */
    vsRaw?: number;
    /** ms from starting the initiating side until traffic can flow (OpenVPN: "Initialization Sequence Completed"; IPsec: CHILD_SA installed). */
    tunnelUpMs?: number;
    /** IPsec: ms until the IKE SA was established. */
    ikeUpMs?: number;
    /** Bytes the tunnel device (tun0, ipsec0) carried during the runs, as a check that iperf3 went through it. */
    tunnelBytes?: number;
    skipped?: string;
    error?: string;
}

/**
 * a against b, paired by round: the median of a[i] / b[i] when both rows ran the same rounds (the rounds
 * are interleaved, so a load burst hits both sides of one quotient), else median(a) / median(b).
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number | undefined {
    if (a.length === 0 || b.length === 0 || b.some((x) => x <= 0)) return undefined;
    const middle = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
    return a.length === b.length ? middle(a.map((x, i) => x / b[i])) : middle([...a]) / middle([...b]);
}

/** Fills `vsRaw` (against the row named `raw`, paired by round) and returns modern/legacy. */
export function ratios(rows: ThroughputRow[], raw = "raw veth", modern = "OpenVPN mesh", legacy = "OpenVPN legacy"): { modernVsLegacy?: number } {
    const byName = new Map(rows.map((r) => [r.case, r]));
    const series = (row?: ThroughputRow) => (row?.mbps === undefined ? [] : row.runs?.map((r) => r.receivedMbps) ?? [row.mbps]);
    const round = (x: number | undefined, digits: number) => (x === undefined ? undefined : +x.toFixed(digits));
    for (const row of rows) {
        row.vsRaw = round(pairedRatio(series(row), series(byName.get(raw))), 4);
    }
    return { modernVsLegacy: round(pairedRatio(series(byName.get(modern)), series(byName.get(legacy))), 2) };
}

// ---------------------------------------------------------------------------------------------------
// Namespaces and processes

const SECONDS = Number(process.env.BENCH_IPERF_SECONDS ?? 5);
const STREAMS = Number(process.env.BENCH_IPERF_STREAMS ?? 2);
const RUNS = Number(process.env.BENCH_IPERF_RUNS ?? 3);

/** Removes `bench-<pid>-*` namespaces whose pid `select` picks: a dead run's (killed before its `finally`), or this process's own. */
const removeBenchNamespaces = (select: (pid: number) => boolean) => removeNamespacesOf(BENCH_NS_PREFIX, select);

/**
 * Two namespaces joined by one veth pair (`v0` in each), loopback up, no default route: an address is
 * reachable over the veth only if a route says so, so tunnel traffic cannot leak around the tunnel.
 */
class Pair {
    readonly a: string;
    readonly b: string;
    readonly dir: string;
    private readonly children: ChildProcess[] = [];
    private readonly made: string[] = [];

    constructor(readonly tag: string, parent: string) {
        this.a = `${BENCH_NS_PREFIX}${process.pid}-${tag}-a`;
        this.b = `${BENCH_NS_PREFIX}${process.pid}-${tag}-b`;
        this.dir = fs.mkdtempSync(path.join(parent, `${tag}-`));
    }

    async open(): Promise<void> {
        for (const ns of [this.a, this.b]) {
            await runOk("ip", ["netns", "add", ns]);
            this.made.push(ns);
            await runOk("ip", ["-n", ns, "link", "set", "lo", "up"]);
            // Answer ARP only for addresses of the asking interface: LAN hosts on lo stay unreachable in clear.
            await runOk("ip", ["netns", "exec", ns, "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2"]);
        }
        await runOk("ip", ["link", "add", "v0", "netns", this.a, "type", "veth", "peer", "name", "v0", "netns", this.b]);
        await runOk("ip", ["-n", this.a, "link", "set", "v0", "up"]);
        await runOk("ip", ["-n", this.b, "link", "set", "v0", "up"]);
    }

    /** Public addresses (/32 on v0, each side routing the other's over v0) and LAN hosts (/32 on lo). */
    async address(side: { a: string[]; b: string[] }, lans: { a: string[]; b: string[] } = { a: [], b: [] }): Promise<void> {
        for (const [ns, mine, theirs, lan] of [
            [this.a, side.a, side.b, lans.a],
            [this.b, side.b, side.a, lans.b],
        ] as const) {
            for (const ip of mine) await runOk("ip", ["-n", ns, "addr", "add", `${ip}/32`, "dev", "v0"]);
            for (const ip of theirs) await runOk("ip", ["-n", ns, "route", "add", `${ip}/32`, "dev", "v0", "src", mine[0]]);
            for (const ip of lan) await runOk("ip", ["-n", ns, "addr", "add", `${ip}/32`, "dev", "lo"]);
        }
    }

    exec(ns: string, file: string, args: readonly string[], timeoutMs = 10_000) {
        return run("ip", ["netns", "exec", ns, file, ...args], { timeoutMs });
    }

    /** A long-running process in `ns` (`ip netns exec` execs in place: the pid is the program's); killed in close(). */
    spawn(ns: string, file: string, args: readonly string[]): ChildProcess {
        const child = spawn("ip", ["netns", "exec", ns, file, ...args], { stdio: "ignore" });
        this.children.push(child);
        return child;
    }

    /** Bytes the device carried (rx + tx) in `ns`, from `ip -s -j link`. */
    async deviceBytes(ns: string, device: string): Promise<number> {
        const out = await this.exec(ns, "ip", ["-s", "-j", "link", "show", "dev", device]);
        const [link] = JSON.parse(out.stdout || "[{}]") as Array<{ stats64?: { rx?: { bytes?: number }; tx?: { bytes?: number } } }>;
        return (link?.stats64?.rx?.bytes ?? 0) + (link?.stats64?.tx?.bytes ?? 0);
    }

    /** Graceful stops (daemons) run first in close(), latest first. */
    readonly stops: Array<() => Promise<void>> = [];

    async close(): Promise<void> {
        for (const stop of [...this.stops].reverse()) {
            await stop().catch(() => undefined);
        }
        for (const child of this.children) {
            if (child.exitCode === null && child.signalCode === null) {
                child.kill("SIGKILL");
            }
        }
        for (const ns of [...this.made].reverse()) {
            await removeNamespace(ns);
        }
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** Starts an iperf3 server on `to` in b (it serves run after run until the pair closes). */
async function startIperfServer(pair: Pair, to: string): Promise<void> {
    const server = pair.spawn(pair.b, "iperf3", ["-s", "-B", to, "-p", "5201"]);
    const listening = await waitFor(async () => server.exitCode === null && (await pair.exec(pair.b, "ss", ["-Hltn", "sport = :5201"])).stdout.includes("5201"), 5000);
    if (!listening) {
        throw new Error(`iperf3 server on ${to} did not start`);
    }
}

/** One iperf3 client run from `from` (in a) to `to` (in b). */
async function iperfOnce(pair: Pair, from: string, to: string): Promise<IperfRun> {
    const result = await pair.exec(
        pair.a,
        "iperf3",
        ["-c", to, "-B", from, "-p", "5201", "-t", String(SECONDS), "-P", String(STREAMS), "-J", "--connect-timeout", "3000"],
        (SECONDS + 20) * 1000,
    );
    return parseIperf3(result.stdout);
}

async function ping(pair: Pair, from: string, to: string): Promise<boolean> {
    const result = await pair.exec(pair.a, "ping", ["-n", "-q", "-c", "2", "-i", "0.2", "-W", "2", "-I", from, to], 10_000);
    return / 0% packet loss/.test(result.stdout);
}

// ---------------------------------------------------------------------------------------------------
// The cases: each builds its path in a fresh pair and says where iperf3 goes

interface Prepared {
    /** iperf3 client address (in a) and server address (in b). */
    from: string;
    to: string;
    /** The tunnel device in a, whose byte counters must grow with the iperf3 traffic. */
    device?: string;
    tunnelUpMs?: number;
    ikeUpMs?: number;
    what?: string;
}

async function rawVeth(pair: Pair): Promise<Prepared> {
    await pair.address({ a: ["10.254.0.1"], b: ["10.254.0.2"] });
    return { from: "10.254.0.1", to: "10.254.0.2" };
}

/** OpenVPN rows: the rendered mesh (`modern`), or the legacyCompat mesh with seed 003's client (comp-lzo adaptive, or no). */
async function openvpnCase(pair: Pair, variant: "modern" | "seed" | "seed-no-lzo"): Promise<Prepared> {
    const stackConfigKey = "alicloud-vpn:openvpn-mesh";
    const base = JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.openvpn-mesh-dev.yaml"))[stackConfigKey]) as Record<string, unknown>;
    const config = variant === "modern" ? base : { ...base, legacyCompat: { reason: "bench: seed 003's hand-built clients (AES-256-CBC, comp-lzo)" } };
    const report = await planScenario("openvpn-mesh", { write: false, configOverrides: { [stackConfigKey]: JSON.stringify(config) } });
    const mesh = config as { name: string; clients: Array<{ name: string; publicIp: string; lans: string[] }> };
    const client = mesh.clients[0];
    const clientLan = hostAddress(client.lans[0], 1);
    // The server exactly as the lab's mesh scenario runs it: paths relative to its directory, `local` = its public IP.
    const { files, serverConf, publicIp: serverPublic, privateIp: vpcHost } = meshServerFiles(report, mesh.name, mesh.clients.map((c) => c.name));

    await pair.address({ a: [client.publicIp], b: [serverPublic] }, { a: [clientLan], b: [vpcHost] });
    const serverDir = path.join(pair.dir, "server");
    const clientDir = path.join(pair.dir, "client");
    fs.mkdirSync(serverDir, { mode: 0o700 });
    fs.mkdirSync(clientDir, { mode: 0o700 });
    const server = new OpenvpnInstance(pair.b, serverDir, serverConf, files);
    pair.stops.push(() => server.stop());
    const rendered = report.peerConfigs[`${client.name}.ovpn`];
    const clientConf = variant === "modern" ? rendered : seedLegacyClientConfig(rendered, variant === "seed" ? "adaptive" : "no");
    // Written by OpenvpnInstance, but started here without its 200 ms settle sleep, so the time to
    // "Initialization Sequence Completed" is measured to the 20 ms poll.
    const clientVpn = new OpenvpnInstance(pair.a, clientDir, clientConf, {});
    try {
        await server.start();
        const serverUp = await waitFor(async () => server.log().includes("Initialization Sequence Completed"), 20_000);
        if (!serverUp) throw new Error(`OpenVPN server did not start:\n${server.log().slice(-1500)}`);
        const started = Date.now();
        const clientProcess = pair.spawn(pair.a, "openvpn", ["--cd", clientDir, "--config", clientVpn.configFile, "--log", clientVpn.logFile]);
        pair.stops.push(async () => {
            if (clientProcess.exitCode === null && clientProcess.signalCode === null) {
                clientProcess.kill("SIGTERM");
                await Promise.race([new Promise((r) => clientProcess.once("exit", r)), new Promise((r) => setTimeout(r, 3000))]);
            }
        });
        const up = await waitFor(
            async () => {
                if (clientProcess.exitCode !== null) throw new Error(`OpenVPN client exited:\n${clientVpn.log().slice(-1500)}`);
                return clientVpn.log().includes("Initialization Sequence Completed");
            },
            30_000,
            20,
        );
        if (!up) throw new Error(`OpenVPN client did not connect within 30 s:\n${clientVpn.log().slice(-1500)}`);
        const tunnelUpMs = Date.now() - started;
        const log = clientVpn.log();
        if (!(await ping(pair, clientLan, vpcHost))) throw new Error(`no ping ${clientLan} -> ${vpcHost} through the tunnel`);
        const compression = { modern: "no compression", seed: "comp-lzo (adaptive)", "seed-no-lzo": "comp-lzo no" }[variant];
        const offload = /disabling data channel offload/.test(log) ? "userspace (no DCO)" : "DCO";
        return { from: clientLan, to: vpcHost, device: "tun0", tunnelUpMs, what: `${dataChannelFromLog(log) ?? "cipher ?"}, ${compression}, ${offload}` };
    } catch (err) {
        if (err instanceof Error) err.message += `\n--- server log tail:\n${server.log().split("\n").slice(-15).join("\n")}`;
        throw err;
    }
}

/** Seed 000's HyperMotion pair as the lab runs it: the translated Alibaba gateway and the rendered office config. */
async function ipsecCase(pair: Pair): Promise<Prepared> {
    const report = await planScenario("hypermotion", { write: false });
    const link = report.links.find((l) => l.name === "office")!;
    const [alibaba] = buildAlibabaSites(report.emulator.state);
    const officeHosts = report.resources.filter((r) => r.type === TYPES.vpcRoute).map((r) => hostAddress(r.inputs.destinationCidrblock, 1));
    const office = peerSiteSpec(link, { name: "office", lanAddresses: officeHosts });
    const vpcHost = alibaba.spec.lanAddresses[0];
    await pair.address({ a: office.publicIps, b: alibaba.spec.publicIps }, { a: officeHosts, b: [vpcHost] });
    await runOk("ip", ["netns", "exec", pair.b, "sysctl", "-qw", "net.ipv4.ip_forward=1"]);
    const dirA = path.join(pair.dir, "office");
    const dirB = path.join(pair.dir, "gateway");
    fs.mkdirSync(dirA, { mode: 0o700 });
    fs.mkdirSync(dirB, { mode: 0o700 });
    const gateway = new CharonInstance(pair.b, dirB, alibaba.swanctlConf);
    const officeCharon = new CharonInstance(pair.a, dirA, office.daemon.kind === "strongswan" ? office.daemon.swanctlConf : "");
    pair.stops.push(() => gateway.stop(), () => officeCharon.stop());
    // As the lab's HyperMotion scenario: the gateway is configured (and retrying) first; the clock starts
    // when the office loads the library's rendered config (start_action = start initiates the master tunnel).
    await gateway.start();
    await gateway.loadAll();
    await officeCharon.start();
    const since = Date.now();
    await officeCharon.loadAll();
    const master = peerConnectionNames(link)[0];
    let ikeUpMs: number | undefined;
    const up = await waitFor(
        async () => {
            const { ike, child } = findTunnel((await officeCharon.listSas()).sas, master);
            if (ike?.state === "ESTABLISHED" && ikeUpMs === undefined) ikeUpMs = Date.now() - since;
            return ike?.state === "ESTABLISHED" && child ? { ms: Date.now() - since, child } : undefined;
        },
        20_000,
        20,
    );
    if (!up) throw new Error(`IPsec tunnel ${master} not up within 20 s:\n${officeCharon.log().split("\n").slice(-20).join("\n")}`);
    const c = up.child;
    const esp = espAlgorithms(c);
    if (!(await ping(pair, officeHosts[0], vpcHost))) throw new Error(`no ping ${officeHosts[0]} -> ${vpcHost} through ESP`);
    return {
        from: officeHosts[0],
        to: vpcHost,
        device: "ipsec0",
        tunnelUpMs: up.ms,
        ikeUpMs,
        what: `IKEv1 + ESP ${esp}${c.encap === "yes" ? " in UDP" : ""}, kernel-libipsec (userspace)`,
    };
}

// ---------------------------------------------------------------------------------------------------
// The section

async function has(file: string, args: string[]): Promise<boolean> {
    try {
        await run(file, args, { timeoutMs: 5000 });
        return true;
    } catch {
        return false;
    }
}

/** Why nothing can run here (`all`), or why single rows cannot. */
async function prerequisites(): Promise<{ all?: string; openvpn?: string; ipsec?: string }> {
    if (process.platform !== "linux") return { all: `network namespaces need Linux (this is ${process.platform})` };
    if (process.getuid?.() !== 0) return { all: "network namespaces need root" };
    const missing = [];
    if (!(await has("ip", ["-V"]))) missing.push("ip (iproute2)");
    if (!(await has("iperf3", ["--version"]))) missing.push("iperf3");
    if (!(await has("ss", ["-V"]))) missing.push("ss (iproute2)");
    if (!(await has("ping", ["-V"]))) missing.push("ping (iputils-ping)");
    if (missing.length > 0) return { all: `missing ${missing.join(", ")} (apt-get install -y iproute2 iperf3 iputils-ping)` };
    const out: { openvpn?: string; ipsec?: string } = {};
    if (!(await has("openvpn", ["--version"]))) out.openvpn = "openvpn not installed (apt-get install -y openvpn)";
    const ipsecMissing = [];
    if (!fs.existsSync(CHARON)) ipsecMissing.push("charon (strongswan-charon)");
    if (!(await has("swanctl", ["--version"]))) ipsecMissing.push("swanctl (strongswan-swanctl)");
    if (!fs.existsSync("/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so")) ipsecMissing.push("kernel-libipsec (libcharon-extra-plugins)");
    if (ipsecMissing.length > 0) out.ipsec = `missing ${ipsecMissing.join(", ")}`;
    return out;
}

export interface ThroughputResults {
    status: "ok" | "skipped";
    reason?: string;
    tool?: string;
    seconds?: number;
    streams?: number;
    runsPerCase?: number;
    cpus?: number;
    rows?: ThroughputRow[];
    modernVsLegacy?: number;
    /** OpenVPN legacy (comp-lzo adaptive) / the same with comp-lzo no: what trying to compress costs. */
    legacyVsNoLzo?: number;
    /** One core's crypto alone on 1400-byte packets (openssl speed), Mbit/s: the ceiling the cipher sets. */
    cryptoCeiling?: { aes256GcmMbps: number; aes256CbcHmacSha1Mbps: number; gcmVsCbcHmac: number };
    sectionMs?: number;
}

/** `openssl speed` for the data channels' crypto on 1400-byte packets, 1 s each; undefined without openssl. */
async function cryptoCeiling(): Promise<ThroughputResults["cryptoCeiling"]> {
    const speed = async (args: string[], name: string) => {
        try {
            return parseOpensslSpeed((await run("openssl", ["speed", ...args, "-bytes", "1400", "-seconds", "1"], { timeoutMs: 20_000 })).stdout, name);
        } catch {
            return undefined;
        }
    };
    const gcm = await speed(["-evp", "aes-256-gcm"], "AES-256-GCM");
    const cbc = await speed(["-evp", "aes-256-cbc"], "AES-256-CBC");
    const sha1 = await speed(["-hmac", "sha1"], "hmac(sha1)");
    if (!gcm || !cbc || !sha1) return undefined;
    const cbcHmac = serialRate(cbc, sha1);
    return { aes256GcmMbps: gcm, aes256CbcHmacSha1Mbps: cbcHmac, gcmVsCbcHmac: +(gcm / cbcHmac).toFixed(2) };
}

/**
 * Builds every path first (each in its own pair, tunnel-up timed while nothing else runs), then runs
 * iperf3 round-robin over the paths, RUNS rounds, so a load burst on this shared machine hits every row
 * alike; the median per row is kept. Everything is torn down in `finally`.
 */
export async function throughput(): Promise<ThroughputResults> {
    const started = Date.now();
    console.log(`\nTunnel throughput: iperf3 TCP, ${STREAMS} streams x ${SECONDS} s, median of ${RUNS} interleaved rounds, namespaces ${BENCH_NS_PREFIX}${process.pid}-*\n`);
    const pre = await prerequisites();
    if (pre.all) {
        console.log(`SKIPPED: ${pre.all}`);
        return { status: "skipped", reason: pre.all };
    }
    const stale = await removeBenchNamespaces((pid) => pid !== process.pid && !isAlive(pid));
    if (stale.length > 0) console.log(`(removed ${stale.length} namespaces a dead bench run left: ${stale.join(", ")})`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-throughput-"));
    fs.chmodSync(dir, 0o700);
    // An interrupted run: delete this process's namespaces (their processes are killed first), then exit.
    let interrupted = false;
    const onSignal = (signal: NodeJS.Signals) => {
        interrupted = true;
        console.log(`\n${signal}: deleting the bench's namespaces`);
        void removeBenchNamespaces((pid) => pid === process.pid).finally(() => {
            fs.rmSync(dir, { recursive: true, force: true });
            process.exit(signal === "SIGINT" ? 130 : 143);
        });
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const iperfVersion = (await run("iperf3", ["--version"])).stdout.split("\n")[0].trim();

    const cases: Array<{ name: string; tag: string; what: string; skip?: string; setup: (p: Pair) => Promise<Prepared> }> = [
        { name: "raw veth", tag: "raw", what: "no tunnel: the veth pair every other row rides on", setup: rawVeth },
        { name: "OpenVPN mesh", tag: "ovpn", what: "rendered OpenVpnMesh config", skip: pre.openvpn, setup: (p) => openvpnCase(p, "modern") },
        { name: "OpenVPN legacy", tag: "legacy", what: "legacyCompat server + seed 003 client", skip: pre.openvpn, setup: (p) => openvpnCase(p, "seed") },
        // Diagnostic: the legacy row without the compression attempt (CBC + HMAC alone).
        { name: "OpenVPN legacy, comp-lzo no", tag: "nolzo", what: "as legacy, client comp-lzo no", skip: pre.openvpn, setup: (p) => openvpnCase(p, "seed-no-lzo") },
        { name: "IPsec HyperMotion", tag: "ipsec", what: "seed 000 office <-> Alibaba gateway", skip: pre.ipsec, setup: ipsecCase },
    ];
    const rows: ThroughputRow[] = [];
    const ready: Array<{ row: ThroughputRow; pair: Pair; prepared: Prepared }> = [];
    const pairs: Pair[] = [];
    try {
        for (const c of cases) {
            if (interrupted) break;
            const row: ThroughputRow = { case: c.name, what: c.what };
            rows.push(row);
            if (c.skip) {
                row.skipped = c.skip;
                continue;
            }
            const pair = new Pair(c.tag, dir);
            pairs.push(pair);
            try {
                await pair.open();
                const prepared = await c.setup(pair);
                await startIperfServer(pair, prepared.to);
                Object.assign(row, { tunnelUpMs: prepared.tunnelUpMs, ikeUpMs: prepared.ikeUpMs, what: prepared.what ?? row.what, runs: [], tunnelBytes: prepared.device ? 0 : undefined });
                ready.push({ row, pair, prepared });
            } catch (err) {
                row.error = err instanceof Error ? err.message : String(err);
            }
        }
        for (let round = 0; round < RUNS; round++) {
            for (const { row, pair, prepared } of ready) {
                if (row.error || interrupted) continue;
                try {
                    const before = prepared.device ? await pair.deviceBytes(pair.a, prepared.device) : 0;
                    row.runs!.push(await iperfOnce(pair, prepared.from, prepared.to));
                    if (prepared.device) row.tunnelBytes! += (await pair.deviceBytes(pair.a, prepared.device)) - before;
                } catch (err) {
                    row.error = err instanceof Error ? err.message : String(err);
                }
            }
            console.log(`  round ${round + 1}/${RUNS}: ${ready.map(({ row }) => `${row.case} ${row.error ? "FAILED" : row.runs!.at(-1)!.receivedMbps}`).join(", ")}`);
        }
    } finally {
        for (const pair of pairs.reverse()) {
            await pair.close().catch(() => undefined);
        }
        await removeBenchNamespaces((pid) => pid === process.pid);
        fs.rmSync(dir, { recursive: true, force: true });
        process.removeListener("SIGINT", onSignal);
        process.removeListener("SIGTERM", onSignal);
    }
    for (const row of rows) {
        if (row.error || !row.runs || row.runs.length === 0) {
            row.runs = row.error ? undefined : row.runs;
            continue;
        }
        row.mbps = median(row.runs.map((r) => r.receivedMbps));
        const carried = row.runs.reduce((n, r) => n + (r.receivedMbps * 1e6 * r.seconds) / 8, 0);
        if (row.tunnelBytes !== undefined && row.tunnelBytes < 0.9 * carried) {
            row.error = `the tunnel device carried ${row.tunnelBytes} bytes, iperf3 ${Math.round(carried)}: traffic went around the tunnel`;
            row.mbps = undefined;
        }
    }
    const { modernVsLegacy } = ratios(rows);
    const secs = (ms?: number) => (ms === undefined ? "-" : `${(ms / 1000).toFixed(2)} s`);
    console.log("");
    console.log(
        table(
            ["path", "Mbit/s", "rounds", "vs raw veth", "tunnel up", "what"],
            rows.map((r) => [
                r.case,
                r.mbps ?? (r.skipped ? "SKIPPED" : "FAILED"),
                r.runs && r.mbps !== undefined ? r.runs.map((x) => x.receivedMbps).join(" / ") : "-",
                r.vsRaw === undefined ? "-" : `${(100 * r.vsRaw).toFixed(r.vsRaw < 0.1 ? 2 : 1)} %${r.vsRaw < 0.5 ? ` (1/${Math.round(1 / r.vsRaw)})` : ""}`,
                r.ikeUpMs !== undefined ? `${secs(r.tunnelUpMs)} (IKE ${secs(r.ikeUpMs)})` : secs(r.tunnelUpMs),
                r.what,
            ]),
        ),
    );
    const mbps = (name: string) => rows.find((r) => r.case === name)?.mbps;
    const noLzo = mbps("OpenVPN legacy, comp-lzo no");
    const legacyMbps = mbps("OpenVPN legacy");
    const runsOf = (name: string) => rows.find((r) => r.case === name)?.runs?.map((r) => r.receivedMbps) ?? [];
    const lzoRatio = noLzo && legacyMbps !== undefined ? pairedRatio(runsOf("OpenVPN legacy"), runsOf("OpenVPN legacy, comp-lzo no")) : undefined;
    const legacyVsNoLzo = lzoRatio === undefined ? undefined : +lzoRatio.toFixed(2);
    console.log("\nRatios are medians of per-round quotients (each round runs every path once, back to back).");
    if (modernVsLegacy !== undefined) console.log(`OpenVPN mesh / OpenVPN legacy: x${modernVsLegacy}`);
    if (legacyVsNoLzo !== undefined) console.log(`OpenVPN legacy / the same with comp-lzo no (no compression attempts): x${legacyVsNoLzo}`);
    const ceiling = await cryptoCeiling();
    if (ceiling) {
        console.log(
            `Crypto alone on one core, 1400-byte packets (openssl speed): AES-256-GCM ${ceiling.aes256GcmMbps} Mbit/s, ` +
                `AES-256-CBC + HMAC-SHA1 ${ceiling.aes256CbcHmacSha1Mbps} Mbit/s (x${ceiling.gcmVsCbcHmac}).`,
        );
    }
    console.log("Tunnel up: OpenVPN from starting the client to \"Initialization Sequence Completed\"; IPsec from loading the office's config to the CHILD_SA installed.");
    for (const r of rows.filter((x) => x.skipped || x.error)) {
        console.log(`\n${r.case}: ${r.skipped ? `SKIPPED: ${r.skipped}` : `FAILED: ${r.error}`}`);
    }
    const sectionMs = Date.now() - started;
    console.log(`\nThroughput section: ${(sectionMs / 1000).toFixed(0)} s (${os.cpus().length} CPUs, ${iperfVersion}).`);
    return { status: "ok", tool: iperfVersion, seconds: SECONDS, streams: STREAMS, runsPerCase: RUNS, cpus: os.cpus().length, rows, modernVsLegacy, legacyVsNoLzo, cryptoCeiling: ceiling, sectionMs };
}
