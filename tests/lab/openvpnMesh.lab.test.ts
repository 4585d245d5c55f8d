// Opt-in interop run (LAB=1, root, the openvpn binary): the offline plan's server config, ccd files and
// client bundles, run by real OpenVPN 2.6 in three network namespaces (server, Huawei client, Tencent
// client), must connect and carry LAN-to-LAN traffic in every direction. The server's key and tls-crypt key
// come from the emulated OOS secret parameters, as the instance would fetch them.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planScenario } from "../../cli/plan";
import { TYPES } from "../../emulator";

const enabled = process.env.LAB === "1" && process.getuid?.() === 0 && spawnSync("openvpn", ["--version"]).status !== null;
const ID = `mlab-${process.pid}`;
const NS = { server: `${ID}-srv`, huawei: `${ID}-hw`, tencent: `${ID}-tc` };

function ip(...args: string[]): void {
    execFileSync("ip", args, { stdio: "pipe" });
}

function inNs(ns: string, ...command: string[]): string {
    return execFileSync("ip", ["netns", "exec", ns, ...command], { stdio: "pipe" }).toString();
}

async function waitFor(file: string, text: string, seconds: number): Promise<void> {
    for (let i = 0; i < seconds * 4; i++) {
        if (fs.existsSync(file) && fs.readFileSync(file, "utf8").includes(text)) {
            return;
        }
        await new Promise((r) => setTimeout(r, 250));
    }
    assert.fail(`${path.basename(file)} never logged "${text}":\n${fs.existsSync(file) ? fs.readFileSync(file, "utf8").slice(-2000) : "(no log)"}`);
}

(enabled ? describe : describe.skip)("lab: the OpenVPN mesh on real OpenVPN 2.6 in network namespaces (LAB=1)", function () {
    this.timeout(120000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesh-lab-"));
    const pids: string[] = [];

    before(async () => {
        const report = await planScenario("openvpn-mesh", { outDir: path.join(dir, "out") });
        const instance = report.resources.find((r) => r.type === TYPES.instance)!;
        const parameter = (name: string) => report.resources.find((r) => r.type === TYPES.oosSecretParameter && r.name === name)!.inputs.value;
        const srv = path.join(dir, "srv");
        fs.mkdirSync(path.join(srv, "ccd"), { recursive: true });
        fs.writeFileSync(path.join(srv, "ca.crt"), report.resources.find((r) => r.type === TYPES.selfSignedCert)!.outputs.certPem);
        fs.writeFileSync(path.join(srv, "server.crt"), report.resources.find((r) => r.name === "cncfstack-server-cert")!.outputs.certPem);
        fs.writeFileSync(path.join(srv, "server.key"), parameter("cncfstack-server-key"), { mode: 0o600 });
        fs.writeFileSync(path.join(srv, "tls-crypt.key"), parameter("cncfstack-tls-crypt-key"), { mode: 0o600 });
        for (const name of ["huawei-es", "tencent-web"]) {
            fs.writeFileSync(path.join(srv, "ccd", name), report.peerConfigs[`ccd/${name}`]);
        }
        // Only the file locations differ from the instance; `local` answers from the address the clients dial.
        const serverConf = report.peerConfigs["cncfstack-server.conf"].replaceAll("/etc/openvpn/server/cncfstack", srv);
        fs.writeFileSync(path.join(srv, "server.conf"), `${serverConf}local ${instance.outputs.publicIp}\nlog ${dir}/server.log\nwritepid ${dir}/server.pid\n`);

        for (const ns of Object.values(NS)) {
            ip("netns", "add", ns);
            ip("-n", ns, "link", "set", "lo", "up");
            inNs(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        }
        ip("-n", NS.server, "addr", "add", `${instance.outputs.publicIp}/32`, "dev", "lo");
        ip("-n", NS.server, "addr", "add", "172.31.24.222/32", "dev", "lo");
        const clients: Array<[string, string, string, string[]]> = [
            ["huawei-es", NS.huawei, "10.99.1", ["192.168.0.1", "192.168.12.111"]],
            ["tencent-web", NS.tencent, "10.99.2", ["172.25.20.33"]],
        ];
        for (const [name, ns, net, lanHosts] of clients) {
            const [a, b] = [`${ID}${net.slice(-1)}s`, `${ID}${net.slice(-1)}c`].map((n) => n.slice(-15));
            ip("link", "add", a, "type", "veth", "peer", "name", b);
            ip("link", "set", a, "netns", NS.server);
            ip("link", "set", b, "netns", ns);
            ip("-n", NS.server, "addr", "add", `${net}.1/30`, "dev", a);
            ip("-n", NS.server, "link", "set", a, "up");
            ip("-n", ns, "addr", "add", `${net}.2/30`, "dev", b);
            ip("-n", ns, "link", "set", b, "up");
            ip("-n", ns, "route", "add", `${instance.outputs.publicIp}/32`, "via", `${net}.1`);
            lanHosts.forEach((host) => ip("-n", ns, "addr", "add", `${host}/32`, "dev", "lo"));
            fs.writeFileSync(path.join(dir, `${name}.ovpn`), `${report.peerConfigs[`${name}.ovpn`]}log ${dir}/${name}.log\nwritepid ${dir}/${name}.pid\n`, { mode: 0o600 });
        }
        inNs(NS.server, "openvpn", "--config", path.join(srv, "server.conf"), "--daemon");
        pids.push(path.join(dir, "server.pid"));
        await waitFor(path.join(dir, "server.log"), "Initialization Sequence Completed", 20);
        for (const [name, ns] of clients) {
            inNs(ns, "openvpn", "--config", path.join(dir, `${name}.ovpn`), "--daemon");
            pids.push(path.join(dir, `${name}.pid`));
        }
        for (const [name] of clients) {
            await waitFor(path.join(dir, `${name}.log`), "Initialization Sequence Completed", 30);
        }
    });

    after(() => {
        for (const file of pids) {
            if (fs.existsSync(file)) {
                spawnSync("kill", [fs.readFileSync(file, "utf8").trim()]);
            }
        }
        for (const ns of Object.values(NS)) {
            spawnSync("ip", ["netns", "del", ns]);
        }
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("verifies the server's key usage, EKU and name, and negotiates AES-256-GCM", () => {
        const log = fs.readFileSync(path.join(dir, "huawei-es.log"), "utf8");
        assert.match(log, /VERIFY KU OK/);
        assert.match(log, /VERIFY EKU OK/);
        assert.match(log, /VERIFY X509NAME OK: O=alicloud-vpn, CN=cncfstack-server/);
        assert.match(log, /Data Channel: cipher 'AES-256-GCM'/);
        // The server pushed every LAN; the client dropped none of the others and got no compression.
        assert.match(log, /PUSH_REPLY,route 172\.31\.0\.0 255\.255\.0\.0,route 172\.25\.16\.0 255\.255\.240\.0,/);
        assert.doesNotMatch(log, /compression: 'lzo'/);
    });

    it("learns each client's LANs from its ccd iroutes", () => {
        const log = fs.readFileSync(path.join(dir, "server.log"), "utf8");
        assert.match(log, /MULTI: Learn: 192\.168\.0\.0\/24 -> huawei-es/);
        assert.match(log, /MULTI: Learn: 192\.168\.12\.0\/24 -> huawei-es/);
        assert.match(log, /MULTI: Learn: 172\.25\.16\.0\/20 -> tencent-web/);
    });

    const pings: Array<[string, keyof typeof NS, string, string]> = [
        ["Huawei LAN -> server VPC", "huawei", "192.168.0.1", "172.31.24.222"],
        ["Huawei LAN -> Tencent LAN (client-to-client)", "huawei", "192.168.12.111", "172.25.20.33"],
        ["Tencent LAN -> Huawei LAN", "tencent", "172.25.20.33", "192.168.0.1"],
        ["server VPC -> Tencent LAN", "server", "172.31.24.222", "172.25.20.33"],
    ];
    for (const [what, ns, from, to] of pings) {
        it(`carries ${what}`, () => {
            assert.match(inNs(NS[ns], "ping", "-c", "2", "-W", "3", "-I", from, to), / 0% packet loss/);
        });
    }
});
