// libreswan's pluto in a lab namespace, from Debian's .deb unpacked beside strongSwan (the two packages conflict:
// `apt-get install libreswan` removes strongswan-charon). .ci/run fetches libreswan and the libraries Debian 12
// lacks with `apt-get download`, unpacks them with `dpkg-deb -x` into one folder (LIBRESWAN_ROOT), and pluto runs
// from there with LD_LIBRARY_PATH, every path it needs given on its command line, in a private mount namespace
// (docs/notes.md, "libreswan"). This kernel has no XFRM ESP: pluto negotiates IKE and IPsec SAs, then fails to
// install the ESP state; only the negotiation can be proven here, never the data path.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../cli/plan";
import { run, stopProcess, waitFor } from "./exec";

/** Where .ci/run unpacks libreswan 4.10, libnss3-tools, libevent-pthreads and libldns (override: LAB_LIBRESWAN_ROOT). */
export const LIBRESWAN_ROOT = process.env.LAB_LIBRESWAN_ROOT ?? path.join(ROOT, ".lab", "libreswan", "root");

const bin = (name: string) => path.join(LIBRESWAN_ROOT, "usr", "libexec", "ipsec", name);
const libraryPath = () => path.join(LIBRESWAN_ROOT, "usr", "lib", "x86_64-linux-gnu");

/** The commands .ci/run runs to provide LIBRESWAN_ROOT (no apt-get install: it would remove strongswan-charon). */
export const LIBRESWAN_SETUP =
    "apt-get download libreswan libnss3-tools libevent-pthreads-2.1-7 libldns3 in <repo>/.lab/libreswan/debs, then dpkg-deb -x each into <repo>/.lab/libreswan/root (see .ci/run)";

/** Why libreswan cannot run here, or undefined. */
export function libreswanMissing(): string | undefined {
    for (const file of [bin("pluto"), bin("whack"), bin("addconn"), path.join(LIBRESWAN_ROOT, "usr", "bin", "certutil")]) {
        if (!fs.existsSync(file)) {
            return `${file} (libreswan unpacked from its .deb): ${LIBRESWAN_SETUP}`;
        }
    }
    return undefined;
}

/** The two parts of a rendered libreswan file (renderers/libreswan.ts): ipsec.conf conns and ipsec.secrets lines. */
export function splitRenderedLibreswan(text: string): { conns: string; secrets: string } {
    const part2 = text.search(/^# ===== Part 2: /m);
    const part1 = text.search(/^# ===== Part 1: /m);
    if (part1 < 0 || part2 < part1) {
        throw new Error("the rendered libreswan config has no Part 1 / Part 2 markers");
    }
    return { conns: text.slice(part1, part2), secrets: text.slice(part2) };
}

/** A pluto in a network namespace with its own config, secrets, NSS db, run directory and log. */
export class PlutoInstance {
    private process: ChildProcess | undefined;
    private exited: Promise<void> | undefined;
    readonly logFile: string;
    readonly ctlSocket: string;
    private readonly env: NodeJS.ProcessEnv;

    constructor(
        readonly namespace: string,
        readonly dir: string,
        /** ipsec.conf: a `config setup` section and the rendered conns. */
        readonly ipsecConf: string,
        readonly secrets: string,
    ) {
        for (const sub of ["ipsec.d", "nss", "run"]) {
            fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
        }
        fs.writeFileSync(path.join(dir, "ipsec.conf"), ipsecConf);
        fs.writeFileSync(path.join(dir, "ipsec.secrets"), secrets, { mode: 0o600 });
        this.logFile = path.join(dir, "pluto.log");
        this.ctlSocket = path.join(dir, "run", "pluto.ctl");
        this.env = {
            ...process.env,
            LD_LIBRARY_PATH: libraryPath(),
            // The updown script and `ipsec` helpers, should pluto call them (it does once an SA is routed).
            IPSEC_EXECDIR: path.join(LIBRESWAN_ROOT, "usr", "libexec", "ipsec"),
            PATH: `${path.join(LIBRESWAN_ROOT, "usr", "sbin")}:${process.env.PATH ?? ""}`,
        };
    }

    get pid(): number | undefined {
        return this.process?.exitCode === null && this.process.signalCode === null ? this.process.pid : undefined;
    }

    /**
     * Creates the NSS database (empty password), starts pluto in a private mount namespace and waits for its
     * socket. pluto reads the conns of --config itself (running addconn) and starts the auto=start ones.
     */
    async start(timeoutMs = 10_000): Promise<void> {
        const certutil = await run(path.join(LIBRESWAN_ROOT, "usr", "bin", "certutil"), ["-N", "-d", `sql:${path.join(this.dir, "nss")}`, "--empty-password"], { env: this.env });
        if (certutil.code !== 0) {
            throw new Error(`certutil -N failed: ${certutil.stderr}`);
        }
        const args = [
            "--nofork",
            "--config", path.join(this.dir, "ipsec.conf"),
            "--secretsfile", path.join(this.dir, "ipsec.secrets"),
            "--ipsecdir", path.join(this.dir, "ipsec.d"),
            "--nssdir", path.join(this.dir, "nss"),
            "--rundir", path.join(this.dir, "run"),
            "--logfile", this.logFile,
            "--no-dnssec",
        ];
        const child = spawn(
            "ip",
            [
                "netns", "exec", this.namespace, "unshare", "--mount", "--propagation", "private", "sh", "-c",
                // pluto checks its compiled-in /usr/libexec/ipsec (addconn, _updown): in this private mount
                // namespace only, a tmpfs on /usr/libexec carries a bind mount of the unpacked folder there.
                'mount -t tmpfs lab-run /run && mount -t tmpfs lab-libexec /usr/libexec && mkdir /usr/libexec/ipsec && mount --bind "$0" /usr/libexec/ipsec && exec "$@"',
                path.join(LIBRESWAN_ROOT, "usr", "libexec", "ipsec"),
                bin("pluto"),
                ...args,
            ],
            { env: this.env, stdio: ["ignore", "ignore", "pipe"] },
        );
        let stderr = "";
        child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
        this.process = child;
        this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
        const up = await waitFor(async () => {
            if (child.exitCode !== null || child.signalCode !== null) {
                throw new Error(`pluto in ${this.namespace} exited at start (${child.exitCode ?? child.signalCode}): ${stderr.trim()} ${this.log().slice(-2000)}`);
            }
            return fs.existsSync(this.ctlSocket) && (await this.whack(["--status"])).code === 0;
        }, timeoutMs, 200);
        if (!up) {
            await this.stop("SIGKILL");
            throw new Error(`pluto in ${this.namespace} did not open ${this.ctlSocket} within ${timeoutMs} ms (log: ${this.logFile})`);
        }
    }

    /** whack against this pluto, run inside the namespace (it may query interfaces). */
    whack(args: readonly string[], timeoutMs = 10_000) {
        return run("ip", ["netns", "exec", this.namespace, bin("whack"), "--ctlsocket", this.ctlSocket, ...args], { timeoutMs, env: this.env });
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
