// Scenario 3, OpenVPN mesh (seed 003, Pulumi.openvpn-mesh-dev.yaml): the offline plan's server config, ccd
// files and client bundles, run by real OpenVPN 2.6 in three lab sites: the Alibaba ECS server (its public IP
// from the emulator, its private IP in the VPC on lo) and the two client VMs (Huawei, Tencent; the stack
// config's public IPs, one host per LAN on lo). The server's key and tls-crypt key come from the emulated
// OOS secret parameters, as the instance would fetch them at boot; the certificates from the emulated tls
// provider. Only the server's file locations are changed (relative to its directory) and `local` is added.
//
// Proves: both clients connect, verify the server (key usage, EKU, exact name) and negotiate AES-256-GCM;
// the server learns each client's LANs from the ccd iroutes; a LAN behind one client reaches the LAN behind
// the other (client-to-client, through the server) and the server's VPC, and the VPC reaches every LAN.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { PlanReport, ROOT, loadStackConfig } from "../../cli/plan";
import { TYPES } from "../../emulator";
import { netmask, networkAddress } from "../../model/cidr";
import { serverPaths } from "../../renderers/openvpn";
import { hostAddress } from "../alibabaSide";
import { seconds, waitFor } from "../exec";
import { formatPings, planForLab } from "../ipsec";
import { Lab, PingResult, Site } from "../netns";
import { waitForOpenvpnLog } from "../openvpn";
import { LabScenario, ScenarioResult } from "../scenario";

export const MESH_STACK = "openvpn-mesh";
export const READY = "Initialization Sequence Completed";
export const EXPECTED_DATA_CIPHER = "AES-256-GCM";

interface MeshConfig {
    name: string;
    vpcCidr: string;
    clients: Array<{ name: string; publicIp?: string; lans: string[] }>;
}

export interface MeshNode {
    name: string;
    site: Site;
    /** Hosts behind the node: the server's VPC address, or one host per client LAN. */
    hosts: string[];
    /** The client's LANs (empty for the server). */
    lans: string[];
}

export interface MeshLab {
    server: MeshNode;
    clients: MeshNode[];
    /** The CN the clients require of the server (verify-x509-name in the rendered bundles). */
    serverCommonName: string;
}

/**
 * The OpenVPN server of a planned mesh as the lab runs it: its files (certificates from the emulated tls
 * provider, keys from the emulated OOS secret parameters, ccd files) and server.conf, every path relative to
 * the daemon's directory, plus `local` = the address the clients dial (the instance's public IP).
 */
export function meshServerFiles(report: PlanReport, meshName: string, clientNames: readonly string[]) {
    const resource = (type: string, name?: string) => {
        const found = report.resources.find((r) => r.type === type && (name === undefined || r.name === name));
        assert.ok(found, `the plan has no ${type}${name ? ` named ${name}` : ""}`);
        return found;
    };
    const rendered = (file: string) => {
        const text = report.peerConfigs[file];
        assert.ok(text, `the plan rendered no ${file}`);
        return text;
    };
    const instance = resource(TYPES.instance);
    const publicIp: string = instance.outputs.publicIp;
    const privateIp: string = instance.outputs.privateIp ?? instance.inputs.privateIp;
    assert.ok(publicIp && privateIp, `the server instance has a public (${publicIp}) and a private (${privateIp}) address`);
    const secret = (name: string): string => resource(TYPES.oosSecretParameter, name).inputs.value;
    const paths = serverPaths({ name: meshName });
    const relative = (file: string) => path.relative(paths.dir, file);
    const files: Record<string, string> = {
        [relative(paths.ca)]: resource(TYPES.selfSignedCert).outputs.certPem,
        [relative(paths.cert)]: resource(TYPES.locallySignedCert, `${meshName}-server-cert`).outputs.certPem,
        [relative(paths.key)]: secret(`${meshName}-server-key`),
        [relative(paths.tlsCrypt)]: secret(`${meshName}-tls-crypt-key`),
    };
    for (const client of clientNames) {
        files[path.join(relative(paths.ccd), client)] = rendered(`ccd/${client}`);
    }
    const serverConf = `${rendered(`${meshName}-server.conf`).replaceAll(`${paths.dir}/`, "")}local ${publicIp}\n`;
    assert.doesNotMatch(serverConf, /\/etc\/openvpn/, "every server path was made relative");
    return { files, serverConf, publicIp, privateIp, instanceId: instance.id };
}

/** Plans the stack on the emulator and adds the server and client sites (nothing started). */
export async function setupOpenvpnMesh(lab: Lab): Promise<MeshLab> {
    const config = JSON.parse(loadStackConfig(path.join(ROOT, `Pulumi.${MESH_STACK}-dev.yaml`))[`alicloud-vpn:${MESH_STACK}`]) as MeshConfig;
    const report = await planForLab(MESH_STACK);
    const bundle = (client: string) => {
        const text = report.peerConfigs[`${client}.ovpn`];
        assert.ok(text, `the ${MESH_STACK} plan rendered no ${client}.ovpn`);
        return text;
    };
    const { files, serverConf, publicIp, privateIp, instanceId } = meshServerFiles(
        report,
        config.name,
        config.clients.map((c) => c.name),
    );
    const serverSite = await lab.addSite({
        name: "server",
        publicIps: [publicIp],
        lanAddresses: [privateIp],
        daemon: { kind: "openvpn", config: serverConf, files },
        forward: true,
        description: `OpenVPN server ${instanceId} of mesh ${config.name} (library-rendered)`,
    });

    const clients: MeshNode[] = [];
    for (const client of config.clients) {
        assert.ok(client.publicIp, `client ${client.name} has a publicIp in the stack config`);
        const hosts = client.lans.map((lan) => hostAddress(lan, 1));
        const site = await lab.addSite({
            name: client.name,
            publicIps: [client.publicIp],
            lanAddresses: hosts,
            daemon: { kind: "openvpn", config: bundle(client.name) },
            // The VM routes for its LAN (the rendered setup script turns forwarding on).
            forward: true,
            description: `OpenVPN client ${client.name} (library-rendered bundle)`,
        });
        clients.push({ name: client.name, site, hosts, lans: client.lans });
    }
    const cn = /^verify-x509-name (\S+) name$/m.exec(bundle(config.clients[0].name))?.[1];
    assert.ok(cn, "the client bundle pins the server's name (verify-x509-name)");
    return { server: { name: "server", site: serverSite, hosts: [privateIp], lans: [] }, clients, serverCommonName: cn };
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** "192.168.0.0/24" -> "192.168.0.0 255.255.255.0" (as OpenVPN logs pushed routes). */
export const openvpnMeshScenario: LabScenario = {
    name: "openvpn-mesh",
    title: "seed 003: the rendered OpenVPN 2.6 server, ccd files and client bundles connect (AES-256-GCM, server verified); a LAN behind one client reaches the other client's LAN and the server's VPC",
    needs: { openvpn: true },
    async run(lab, log): Promise<ScenarioResult> {
        const m = await setupOpenvpnMesh(lab);
        const server = m.server.site.openvpn!;
        const started = Date.now();
        await m.server.site.startDaemon();
        const serverMs = await waitForOpenvpnLog(server, READY, started, 20_000);
        assert.ok(serverMs !== undefined, `the server did not log "${READY}" within 20 s`);
        const since = Date.now();
        await Promise.all(m.clients.map((c) => c.site.startDaemon()));
        const connected = await Promise.all(m.clients.map((c) => waitForOpenvpnLog(c.site.openvpn!, READY, since, 30_000)));
        connected.forEach((ms, i) => assert.ok(ms !== undefined, `client ${m.clients[i].name} did not log "${READY}" within 30 s`));
        const allMs = Math.max(...(connected as number[]));
        log(`  server up in ${seconds(serverMs)}; clients connected: ${m.clients.map((c, i) => `${c.name} ${seconds(connected[i]!)}`).join(", ")}`);

        // The data channel line follows "Initialization Sequence Completed" (the server logs it up to a second later).
        for (const c of m.clients) {
            assert.ok(await waitForOpenvpnLog(c.site.openvpn!, "Data Channel: cipher", since, 10_000), `${c.name} logged no data channel cipher`);
        }
        const serverDataChannel = await waitFor(async () => m.clients.every((c) => new RegExp(`${escape(c.name)}/\\S+ Data Channel: cipher`).test(server.log())), 10_000);
        assert.ok(serverDataChannel, "the server did not log a data channel for every client within 10 s");

        // Each client verified the server (remote-cert-tls server: KU and EKU; verify-x509-name: exact CN),
        // negotiated the AEAD cipher and got every other LAN pushed, without compression.
        const ciphers: string[] = [];
        for (const c of m.clients) {
            const text = c.site.openvpn!.log();
            assert.match(text, /VERIFY KU OK/, `${c.name}: server key usage`);
            assert.match(text, /VERIFY EKU OK/, `${c.name}: server extended key usage`);
            assert.match(text, new RegExp(`VERIFY X509NAME OK: .*CN=${escape(m.serverCommonName)}\\b`), `${c.name}: server name ${m.serverCommonName}`);
            const cipher = /Data Channel: cipher '([^']+)'/.exec(text)?.[1];
            assert.equal(cipher, EXPECTED_DATA_CIPHER, `${c.name}: data channel cipher`);
            ciphers.push(`${c.name} ${cipher}`);
            const pushed = /PUSH_REPLY,([^\n]*)/.exec(text)?.[1] ?? "";
            for (const other of m.clients.filter((o) => o !== c)) {
                for (const lan of other.lans) {
                    assert.ok(pushed.includes(`route ${networkAddress(lan)} ${netmask(lan)}`), `${c.name}: ${lan} of ${other.name} not pushed (${pushed})`);
                }
            }
            assert.doesNotMatch(text, /compression: 'lzo'/, `${c.name}: no compression`);
        }
        // The server verified each client's certificate (remote-cert-tls client) and learnt its LANs from ccd.
        const serverLog = server.log();
        assert.match(serverLog, /VERIFY KU OK/, "server: client key usage");
        assert.match(serverLog, /VERIFY EKU OK/, "server: client extended key usage");
        for (const c of m.clients) {
            assert.match(serverLog, new RegExp(`${escape(c.name)}/\\S+ Data Channel: cipher '${escape(EXPECTED_DATA_CIPHER)}'`), `server: data channel cipher with ${c.name}`);
            for (const lan of c.lans) {
                assert.match(serverLog, new RegExp(`MULTI: Learn: ${escape(lan)} -> ${escape(c.name)}`), `server learnt ${lan} -> ${c.name}`);
            }
        }
        log(`  data channel: ${ciphers.join(", ")}; server ${m.serverCommonName} verified (KU, EKU, X509NAME) by every client`);

        // Every client LAN host to every other client's LAN hosts (through the server) and to the VPC, and back.
        const pings: PingResult[] = [];
        for (const c of m.clients) {
            for (const from of c.hosts) {
                for (const other of m.clients.filter((o) => o !== c)) {
                    for (const to of other.hosts) pings.push(await c.site.ping(from, to, 3));
                }
                pings.push(await c.site.ping(from, m.server.hosts[0], 3));
            }
        }
        for (const c of m.clients) {
            for (const to of c.hosts) pings.push(await m.server.site.ping(m.server.hosts[0], to, 3));
        }
        log(`  ping ${formatPings(pings)}`);
        for (const p of pings) {
            assert.equal(p.received, p.sent, `ping ${p.from} → ${p.to}: ${p.received}/${p.sent}`);
        }
        const clientHosts = new Set(m.clients.flatMap((c) => c.hosts));
        const count = (filter: (p: PingResult) => boolean) => {
            const ps = pings.filter(filter);
            return `${ps.reduce((n, p) => n + p.received, 0)}/${ps.reduce((n, p) => n + p.sent, 0)}`;
        };
        const vpc = m.server.hosts[0];
        const summary =
            `lab openvpn-mesh: server up in ${seconds(serverMs)}, all ${m.clients.length} clients connected in ${seconds(allMs)} ` +
            `(${EXPECTED_DATA_CIPHER}, VERIFY KU/EKU/X509NAME OK), ping ${count((p) => clientHosts.has(p.from) && clientHosts.has(p.to))} client LAN→client LAN, ` +
            `${count((p) => clientHosts.has(p.from) && p.to === vpc)} client LAN→VPC, ${count((p) => p.from === vpc)} VPC→client LAN`;
        return { summary, details: { serverMs, clientsMs: Object.fromEntries(m.clients.map((c, i) => [c.name, connected[i]])), allMs, pings } };
    },
};
