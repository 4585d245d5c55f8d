// FRR (Debian 12's frr 8.4) in a lab site's namespace: zebra (installs the learned routes in the namespace's
// kernel table) and bgpd, each with its own pid file, zserv socket and vty socket in a directory of their own, so
// several instances run side by side and vtysh reaches this one only. The daemons drop to the user frr (root is
// refused: "privs_init: user(root) is not part of vty group specified(frrvty)"), so that directory belongs to frr,
// outside the lab's private (root, 0700) directory; it holds no secret (no BGP password here) and stop() removes it.
// Started with -d (daemonised), stopped by the pids they wrote; Lab.close kills whatever is left in the namespace.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BgpPlan } from "../model/bgp";
import { run, runOk, sleep, waitFor } from "./exec";

export const FRR_DIR = "/usr/lib/frr";

/** What is missing to run FRR here, or undefined. */
export function frrMissing(): string | undefined {
    const missing = ["zebra", "bgpd"].filter((d) => !fs.existsSync(path.join(FRR_DIR, d)));
    if (!fs.existsSync("/usr/bin/vtysh")) missing.push("vtysh");
    return missing.length > 0 ? `FRR (${missing.join(", ")}; apt-get install frr)` : undefined;
}

export class FrrInstance {
    readonly dir: string;
    private pids: number[] = [];

    constructor(
        readonly namespace: string,
        /** bgpd's configuration (a rendered frr.conf, verbatim). */
        readonly bgpdConf: string,
    ) {
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-frr-"));
    }

    private daemonArgs(daemon: string): string[] {
        return [
            "-d",
            "-u",
            "frr",
            "-g",
            "frr",
            "-i",
            path.join(this.dir, `${daemon}.pid`),
            "-z",
            path.join(this.dir, "zserv.api"),
            "--vty_socket",
            this.dir,
            // No vty TCP port: vtysh talks to the unix socket.
            "-P",
            "0",
            "--log",
            `file:${path.join(this.dir, `${daemon}.log`)}`,
        ];
    }

    /** Starts zebra, then bgpd with the configuration; resolves once both wrote their pid files. */
    async start(): Promise<void> {
        const uid = Number((await runOk("id", ["-u", "frr"])).trim());
        const gid = Number((await runOk("id", ["-g", "frr"])).trim());
        fs.writeFileSync(path.join(this.dir, "bgpd.conf"), this.bgpdConf, { mode: 0o600 });
        fs.writeFileSync(path.join(this.dir, "zebra.conf"), "! zebra: defaults\n", { mode: 0o600 });
        for (const file of [this.dir, path.join(this.dir, "bgpd.conf"), path.join(this.dir, "zebra.conf")]) {
            fs.chownSync(file, uid, gid);
        }
        for (const daemon of ["zebra", "bgpd"]) {
            await runOk("ip", ["netns", "exec", this.namespace, path.join(FRR_DIR, daemon), ...this.daemonArgs(daemon), "-f", path.join(this.dir, `${daemon}.conf`)], {
                timeoutMs: 15_000,
            });
            const pidFile = path.join(this.dir, `${daemon}.pid`);
            const pid = await waitFor(async () => (fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").trim()) || undefined : undefined), 10_000);
            if (!pid) {
                throw new Error(`${daemon} in ${this.namespace} wrote no pid file: ${this.log(daemon).slice(-800)}`);
            }
            this.pids.push(pid);
        }
    }

    /** vtysh commands against this instance (each a -c). */
    async vtysh(...commands: string[]): Promise<string> {
        const out = await run("ip", ["netns", "exec", this.namespace, "vtysh", "--vty_socket", this.dir, ...commands.flatMap((c) => ["-c", c])], { timeoutMs: 10_000 });
        if (out.code !== 0) {
            throw new Error(`vtysh ${commands.join(" / ")} in ${this.namespace} exited ${out.code}: ${out.stderr || out.stdout}`);
        }
        return out.stdout;
    }

    /** Each neighbour's state ("Established", "Active", ...) and prefixes received, from `show bgp neighbors json`. */
    async neighbors(): Promise<Record<string, { state: string; received: number; hold: number; keepalive: number }>> {
        const json = JSON.parse(await this.vtysh("show bgp neighbors json")) as Record<string, Record<string, unknown>>;
        return Object.fromEntries(
            Object.entries(json).map(([peer, n]) => {
                const afi = (n.addressFamilyInfo as Record<string, { acceptedPrefixCounter?: number }> | undefined)?.ipv4Unicast;
                return [peer, { state: String(n.bgpState), received: Number(afi?.acceptedPrefixCounter ?? 0), hold: Number(n.bgpTimerHoldTimeMsecs ?? 0) / 1000, keepalive: Number(n.bgpTimerKeepAliveIntervalMsecs ?? 0) / 1000 }];
            }),
        );
    }

    /** The namespace's kernel routes zebra installed from BGP: destination -> "via <nexthop> dev <dev>". */
    async bgpRoutes(): Promise<Record<string, string>> {
        const out = await run("ip", ["-n", this.namespace, "-j", "-4", "route", "show", "proto", "bgp"]);
        const routes = JSON.parse(out.stdout || "[]") as Array<{ dst: string; gateway?: string; dev?: string }>;
        return Object.fromEntries(routes.map((r) => [r.dst, `via ${r.gateway} dev ${r.dev}`]));
    }

    log(daemon = "bgpd"): string {
        const file = path.join(this.dir, `${daemon}.log`);
        return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    }

    /** Stops the daemons this instance started, by their pids (SIGTERM, then SIGKILL after 3 s); removes the directory. */
    async stop(): Promise<void> {
        for (const pid of this.pids.reverse()) {
            try {
                process.kill(pid, "SIGTERM");
            } catch {
                continue;
            }
            for (let i = 0; i < 30; i++) {
                await sleep(100);
                try {
                    process.kill(pid, 0);
                } catch {
                    break;
                }
            }
            try {
                process.kill(pid, "SIGKILL");
            } catch {
                // gone
            }
        }
        this.pids = [];
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/**
 * What Alibaba's VPN gateway runs on its side of a BGP link, as FRR for the lab: its ASN, the peer's address and
 * ASN per tunnel, the networks it announces (the VPC's blocks). Alibaba accepts what the peer announces; the
 * gateway's own filters are not documented, so none here beyond the link's peer subnets.
 */
export function alibabaFrrConf(bgp: BgpPlan, peerSubnets: readonly string[], title: string): string {
    return [
        `! ${title}: the Alibaba VPN gateway's BGP, played by FRR in the lab (lab/frr.ts). Not a rendered peer config.`,
        "frr defaults traditional",
        "!",
        ...bgp.alibabaAnnounces.map((cidr, i) => `ip prefix-list ALIBABA-ANNOUNCE seq ${(i + 1) * 5} permit ${cidr}`),
        ...peerSubnets.map((cidr, i) => `ip prefix-list ALIBABA-LEARN seq ${(i + 1) * 5} permit ${cidr} le 32`),
        "route-map ALIBABA-ANNOUNCE permit 10",
        " match ip address prefix-list ALIBABA-ANNOUNCE",
        "route-map ALIBABA-LEARN permit 10",
        " match ip address prefix-list ALIBABA-LEARN",
        "!",
        `router bgp ${bgp.localAsn}`,
        ` bgp router-id ${bgp.tunnels[0].localBgpIp}`,
        ...bgp.tunnels.flatMap((t) => [` neighbor ${t.peerBgpIp} remote-as ${bgp.peerAsn}`, ` neighbor ${t.peerBgpIp} timers connect 10`]),
        " address-family ipv4 unicast",
        ...bgp.alibabaAnnounces.map((cidr) => `  network ${cidr}`),
        ...bgp.tunnels.flatMap((t) => [`  neighbor ${t.peerBgpIp} route-map ALIBABA-LEARN in`, `  neighbor ${t.peerBgpIp} route-map ALIBABA-ANNOUNCE out`]),
        " exit-address-family",
        "",
    ].join("\n");
}
