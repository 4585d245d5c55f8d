// The lab's Alibaba-side translator and swanctl parsing, without namespaces or daemons.
import * as assert from "node:assert/strict";
import { planScenario } from "../../cli/plan";
import { EmulatorState, RecordedResource, TYPES } from "../../emulator";
import {
    alibabaEspProposal,
    alibabaIkeProposal,
    alibabaTunnels,
    buildAlibabaSites,
    hostAddress,
    lastHostAddress,
    renderAlibabaSwanctl,
    routeAnchorsFor,
} from "../../lab/alibabaSide";
import { parseSwanctlConnections } from "../../checks/peerProposals";
import { childSas, ikeAlgorithms, instanceStrongswanConf, parseRawSas } from "../../lab/strongswan";
import { strongswanEspProposal, strongswanIkeProposal } from "../../renderers/strongswan";

/** The block of `name { ... }` in a swanctl.conf. */
function block(text: string, name: string): string {
    const lines = text.split("\n");
    const start = lines.findIndex((l) => l.trim() === `${name} {`);
    assert.notEqual(start, -1, `no section ${name}`);
    let depth = 0;
    for (let i = start; i < lines.length; i++) {
        depth += (lines[i].match(/\{/g) ?? []).length - (lines[i].match(/\}/g) ?? []).length;
        if (depth === 0) return lines.slice(start, i + 1).join("\n");
    }
    return assert.fail(`section ${name} not closed`);
}

let sequence = 0;
function resource(type: string, name: string, id: string, inputs: Record<string, any>, outputs: Record<string, any> = {}, region = "cn-hangzhou"): RecordedResource {
    return { urn: `urn:${name}`, type, name, id, custom: true, region, dependencies: [], inputs, outputs: { ...inputs, ...outputs }, secretInputPaths: [], additionalSecretOutputs: [], sequence: sequence++ };
}

/** A hand-made emulator state: a Tokyo hub gateway with two spoke connections, and a Shanghai gateway. */
function hubState(): EmulatorState {
    const state = new EmulatorState();
    state.add(resource(TYPES.vpc, "tokyo-vpc", "vpc-tokyo", { cidrBlock: "10.0.0.0/16" }, {}, "ap-northeast-1"));
    state.add(resource(TYPES.vswitch, "tokyo-a", "vsw-tokyo-a", { vpcId: "vpc-tokyo", cidrBlock: "10.0.1.0/24", zoneId: "ap-northeast-1a" }, {}, "ap-northeast-1"));
    state.add(resource(TYPES.gateway, "tokyo-gateway", "vpn-tokyo", { vpcId: "vpc-tokyo", vswitchId: "vsw-tokyo-a" }, { internetIp: "198.51.100.11", disasterRecoveryInternetIp: "" }, "ap-northeast-1"));
    state.add(resource(TYPES.vpc, "shanghai-vpc", "vpc-sh", { cidrBlock: "10.1.0.0/16" }, {}, "cn-shanghai"));
    state.add(resource(TYPES.vswitch, "sh-a", "vsw-sh-a", { vpcId: "vpc-sh", cidrBlock: "10.1.1.0/24", zoneId: "cn-shanghai-a" }, {}, "cn-shanghai"));
    state.add(resource(TYPES.gateway, "shanghai-gateway", "vpn-sh", { vpcId: "vpc-sh", vswitchId: "vsw-sh-a" }, { internetIp: "198.51.100.21", disasterRecoveryInternetIp: "" }, "cn-shanghai"));
    state.add(resource(TYPES.customerGateway, "cgw-sh", "cgw-sh", { ipAddress: "198.51.100.21" }, {}, "ap-northeast-1"));
    state.add(resource(TYPES.customerGateway, "cgw-bj", "cgw-bj", { ipAddress: "198.51.100.31" }, {}, "ap-northeast-1"));
    state.add(resource(TYPES.customerGateway, "cgw-tokyo", "cgw-tokyo", { ipAddress: "198.51.100.11" }, {}, "cn-shanghai"));
    const ikev2 = { ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 86400 };
    const ipsec = { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 };
    state.add(
        resource(TYPES.connection, "tokyo-to-shanghai", "vco-t-sh", {
            vpnGatewayId: "vpn-tokyo",
            customerGatewayId: "cgw-sh",
            localSubnets: ["10.0.0.0/16", "10.2.0.0/16"],
            remoteSubnets: ["10.1.0.0/16"],
            effectImmediately: true,
            ikeConfig: { ...ikev2, psk: "k-tokyo-sh" },
            ipsecConfig: ipsec,
        }, {}, "ap-northeast-1"),
    );
    state.add(
        resource(TYPES.connection, "tokyo-to-beijing", "vco-t-bj", {
            vpnGatewayId: "vpn-tokyo",
            customerGatewayId: "cgw-bj",
            localSubnets: ["10.0.0.0/16", "10.1.0.0/16"],
            remoteSubnets: ["10.2.0.0/16"],
            ikeConfig: { ...ikev2, psk: "k-tokyo-bj" },
            ipsecConfig: { ...ipsec, ipsecPfs: "disabled" },
        }, {}, "ap-northeast-1"),
    );
    state.add(
        resource(TYPES.connection, "shanghai-to-tokyo", "vco-sh-t", {
            vpnGatewayId: "vpn-sh",
            customerGatewayId: "cgw-tokyo",
            localSubnets: ["10.1.0.0/16"],
            remoteSubnets: ["10.0.0.0/16", "10.2.0.0/16"],
            effectImmediately: true,
            // Everything else left to Alibaba's API defaults.
            ikeConfig: { psk: "k-tokyo-sh", ikeLocalId: "shanghai.example.com", ikeRemoteId: "tokyo example" },
        }, {}, "cn-shanghai"),
    );
    return state;
}

describe("lab: Alibaba side translated from the recorded connection inputs", function () {
    this.timeout(60_000);
    let report: Awaited<ReturnType<typeof planScenario>>;

    before(async () => {
        report = await planScenario("hypermotion", { write: false });
    });

    it("turns the HyperMotion gateway into one site with both tunnel IPs, a VPC host and both tunnels", () => {
        const sites = buildAlibabaSites(report.emulator.state);
        assert.equal(sites.length, 1);
        const [site] = sites;
        assert.equal(site.spec.name, "gw-cn-hangzhou");
        assert.deepEqual(site.spec.publicIps, ["198.51.100.1", "198.51.100.2"]);
        assert.equal(site.vpcCidr, "172.16.0.0/16");
        // ack-workers-h (172.16.1.0/24) is the first vSwitch inside the local subnet.
        assert.deepEqual(site.spec.lanAddresses, ["172.16.1.10"]);
        assert.deepEqual(site.tunnels.map((t) => [t.role, t.gatewayIp, t.customerGatewayIp]), [
            ["master", "198.51.100.1", "203.0.113.10"],
            ["slave", "198.51.100.2", "203.0.113.10"],
        ]);
    });

    it("writes the seed's parameters in strongSwan terms: IKEv1 main, aes256-sha1-modp1024, PFS group2, lifetimes, ids, DPD, the recorded PSK", () => {
        const [site] = buildAlibabaSites(report.emulator.state);
        const connection = report.resources.find((r) => r.type === TYPES.connection)!;
        const recorded = connection.inputs.tunnelOptionsSpecifications as any[];
        const text = site.swanctlConf;
        const master = block(text, "office-connection-master");
        for (const line of [
            "version = 1",
            "aggressive = no",
            "local_addrs = 198.51.100.1",
            "remote_addrs = 203.0.113.10",
            "proposals = aes256-sha1-modp1024",
            "rekey_time = 77760s",
            "over_time = 8640s",
            "dpd_delay = 10s",
            "dpd_timeout = 30s",
            "id = 198.51.100.1",
            "id = 203.0.113.10",
            "local_ts = 172.16.0.0/16",
            "remote_ts = 192.168.10.0/23",
            "esp_proposals = aes256-sha1-modp1024",
            "life_time = 3600s",
            "rekey_time = 3240s",
            "start_action = start",
            "dpd_action = restart",
            "priority = 1000",
            "reqid = 5000",
        ]) {
            assert.match(master, new RegExp(`^\\s+${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"), line);
        }
        assert.match(block(text, "office-connection-slave"), /^\s+local_addrs = 198\.51\.100\.2$/m);
        // Each tunnel its own reqid, so DPD deleting one tunnel's SAs leaves the other's policies in place.
        assert.match(block(text, "office-connection-slave"), /^\s+reqid = 5001$/m);
        assert.match(block(text, "ike-office-connection-master"), new RegExp(`secret = "${recorded.find((t) => t.role === "master").tunnelIkeConfig.psk}"`));
        assert.match(block(text, "ike-office-connection-slave"), new RegExp(`secret = "${recorded.find((t) => t.role === "slave").tunnelIkeConfig.psk}"`));
        // One key = value a line (docs/notes.md): no line carries two assignments.
        assert.ok(text.split("\n").every((l) => (l.match(/ = /g) ?? []).length <= 1));
    });

    it("agrees with the library's own renderer on the seed (two independent translations of one profile)", () => {
        const [site] = buildAlibabaSites(report.emulator.state);
        const link = report.links[0];
        assert.equal(alibabaIkeProposal(site.tunnels[0]), strongswanIkeProposal(link.profile));
        assert.equal(alibabaEspProposal(site.tunnels[0]), strongswanEspProposal(link.profile));
    });

    it("applies Alibaba's API defaults and semantics: aes = aes128, md5, group2, 86400 s, PFS disabled = no DH, ids, trap without effectImmediately", () => {
        const state = hubState();
        const shanghai = alibabaTunnels(state, state.ofType(TYPES.connection).find((c) => c.name === "shanghai-to-tokyo")!);
        assert.equal(shanghai.length, 1);
        const [t] = shanghai;
        assert.deepEqual(t.ike, { ikeVersion: "ikev1", ikeMode: "main", ikeEncAlg: "aes", ikeAuthAlg: "md5", ikePfs: "group2", ikeLifetime: 86400 });
        assert.equal(alibabaIkeProposal(t), "aes128-md5-modp1024");
        assert.equal(alibabaEspProposal(t), "aes128-md5-modp1024");
        assert.equal(t.localId, "shanghai.example.com");
        assert.equal(t.remoteId, "tokyo example");
        // IKEv1 carries one selector pair: Alibaba would need IKEv2 here.
        assert.throws(() => renderAlibabaSwanctl(shanghai), /IKEv1 negotiates one selector pair/);

        const beijing = alibabaTunnels(state, state.ofType(TYPES.connection).find((c) => c.name === "tokyo-to-beijing")!)[0];
        assert.equal(alibabaEspProposal(beijing), "aes256-sha256");
        const text = renderAlibabaSwanctl([beijing]);
        assert.match(text, /^\s+start_action = trap$/m);
        assert.match(text, /^\s+dpd_action = clear$/m);
        assert.match(text, /^\s+local_ts = 10\.0\.0\.0\/16,10\.1\.0\.0\/16$/m);
        assert.match(text, /^\s+mobike = no$/m);
        assert.doesNotMatch(text, /dpd_timeout|priority/);
        // A single-tunnel connection keeps the resource's name.
        assert.ok(parseSwanctlConnections(text).some((c) => c.name === "tokyo-to-beijing"));
        // An identity with a space is quoted.
        assert.match(renderAlibabaSwanctl([{ ...t, localSubnets: ["10.1.0.0/16"], remoteSubnets: ["10.0.0.0/16"] }]), /^\s+id = "tokyo example"$/m);
    });

    it("builds one site per gateway with every connection on it (a hub with two spokes, another region)", () => {
        const state = hubState();
        const sites = buildAlibabaSites(state, { tunnelFilter: (t) => t.connectionName !== "shanghai-to-tokyo" });
        assert.deepEqual(sites.map((s) => [s.spec.name, s.spec.publicIps, s.spec.lanAddresses, s.tunnels.map((t) => t.connectionName)]), [
            ["gw-ap-northeast-1", ["198.51.100.11"], ["10.0.1.10"], ["tokyo-to-shanghai", "tokyo-to-beijing"]],
            ["gw-cn-shanghai", ["198.51.100.21"], ["10.1.1.10"], []],
        ]);
        const tokyo = parseSwanctlConnections(sites[0].swanctlConf);
        assert.deepEqual(tokyo.map((c) => [c.name, c.version, c.proposals, c.children[0].espProposals]), [
            ["tokyo-to-shanghai", 2, ["aes256-sha256-modp2048"], ["aes256-sha256-modp2048"]],
            ["tokyo-to-beijing", 2, ["aes256-sha256-modp2048"], ["aes256-sha256"]],
        ]);
    });

    it("refuses what Alibaba would not accept instead of guessing", () => {
        const state = hubState();
        const connection = state.ofType(TYPES.connection)[0];
        connection.inputs.ikeConfig = { ...connection.inputs.ikeConfig, ikeEncAlg: "aes512" };
        assert.throws(() => alibabaIkeProposal(alibabaTunnels(state, connection)[0]), /ikeEncAlg = "aes512" is not a value Alibaba accepts/);
        connection.inputs.ikeConfig = { ...connection.inputs.ikeConfig, psk: undefined };
        assert.throws(() => alibabaTunnels(state, connection), /no psk in the recorded inputs/);
    });

    it("gives a hub one route anchor per relayed block (its local selectors naming other spokes), a spoke none", () => {
        // (shanghai-to-tokyo of the hand-made state is IKEv1 with several selectors: left out, as above.)
        const sites = buildAlibabaSites(hubState(), { tunnelFilter: (t) => t.connectionName !== "shanghai-to-tokyo" });
        assert.deepEqual(sites.map((s) => [s.spec.name, s.spec.routeAnchors]), [
            ["gw-ap-northeast-1", ["10.2.255.254", "10.1.255.254"]],
            ["gw-cn-shanghai", []],
        ]);
        assert.deepEqual(routeAnchorsFor(["172.16.0.0/16"], ["172.16.1.10"]), []);
        assert.deepEqual(routeAnchorsFor(["10.0.0.0/16", "10.9.0.0/24", "10.9.0.0/24", "10.8.0.1/32"], ["10.0.1.10"]), ["10.9.0.254"]);
        assert.equal(lastHostAddress("10.30.0.0/16"), "10.30.255.254");
    });

    it("computes host addresses", () => {
        assert.equal(hostAddress("172.16.1.0/24", 10), "172.16.1.10");
        assert.equal(hostAddress("192.168.10.0/23", 1), "192.168.10.1");
        assert.equal(hostAddress("10.0.255.0/24", 255), "10.0.255.255");
    });
});

describe("lab: strongSwan instance files and swanctl --raw parsing", () => {
    it("loads kernel-libipsec and gives each instance its own vici socket and log", () => {
        const conf = instanceStrongswanConf("/tmp/lab-x/office");
        assert.match(conf, /kernel-libipsec \{\n\s+load = yes/);
        assert.match(conf, /socket = unix:\/\/\/tmp\/lab-x\/office\/charon\.vici/);
        assert.match(conf, /path = \/tmp\/lab-x\/office\/charon\.log/);
    });

    it("parses list-sas events (a real line from the HyperMotion run)", () => {
        const raw =
            "list-sa event {office-master {uniqueid=1 version=1 state=ESTABLISHED local-host=203.0.113.10 local-port=4500 local-id=203.0.113.10 remote-host=198.51.100.1 remote-port=4500 remote-id=198.51.100.1 initiator=yes initiator-spi=c3a1 responder-spi=77b2 nat-remote=yes nat-any=yes encr-alg=AES_CBC encr-keysize=256 integ-alg=HMAC_SHA1_96 prf-alg=PRF_HMAC_SHA1 dh-group=MODP_1024 established=0 rekey-time=81236 child-sas {office-master-1 {name=office-master uniqueid=1 reqid=1 state=INSTALLED mode=TUNNEL protocol=ESP encap=yes spi-in=c1 spi-out=c2 encr-alg=AES_CBC encr-keysize=256 integ-alg=HMAC_SHA1_96 dh-group=MODP_1024 bytes-in=0 packets-in=0 bytes-out=0 packets-out=0 rekey-time=3473 life-time=3960 install-time=0 local-ts=[192.168.10.0/23] remote-ts=[172.16.0.0/16]}}}}\n" +
            "list-sas reply {}\n";
        const sas = parseRawSas(raw);
        assert.equal(sas.length, 1);
        assert.equal(sas[0].name, "office-master");
        assert.equal(ikeAlgorithms(sas[0].sa), "AES_CBC-256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024");
        assert.deepEqual(childSas(sas), [
            {
                ike: "office-master",
                name: "office-master",
                state: "INSTALLED",
                encr: "AES_CBC-256",
                integ: "HMAC_SHA1_96",
                dh: "MODP_1024",
                localTs: ["192.168.10.0/23"],
                remoteTs: ["172.16.0.0/16"],
                encap: true,
            },
        ]);
    });
});
