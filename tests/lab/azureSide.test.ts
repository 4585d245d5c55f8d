// The lab's Azure-side translator, without namespaces or daemons: recorded azure-native resources -> swanctl.conf
// and FRR, with Azure's semantics (one custom policy proposed and accepted, IKE SA 28800 s, any-to-any selectors).
import * as assert from "node:assert/strict";
import { AZURE_TYPES, EmulatorState, RecordedResource } from "../../emulator";
import { azureFrrConf, azureTunnel, buildAzureSite, renderAzureSwanctl } from "../../lab/azureSide";

const GW = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw";
const POLICY = {
    ikeEncryption: "AES256",
    ikeIntegrity: "SHA384",
    dhGroup: "ECP384",
    ipsecEncryption: "AES128",
    ipsecIntegrity: "SHA1",
    pfsGroup: "PFS2048",
    saLifeTimeSeconds: 1800,
    saDataSizeKilobytes: 102400000,
};

function resource(type: string, name: string, id: string, inputs: Record<string, any>, outputs: Record<string, any> = {}): RecordedResource {
    return {
        urn: `urn:${name}`,
        type,
        name,
        id,
        custom: true,
        region: "southeastasia",
        dependencies: [],
        inputs,
        outputs: { ...inputs, ...outputs },
        secretInputPaths: [],
        additionalSecretOutputs: [],
        sequence: 0,
    };
}

function state(connection: Record<string, any> = {}, gateway: Record<string, any> = {}): { state: EmulatorState; connection: RecordedResource } {
    const s = new EmulatorState();
    s.add(resource(AZURE_TYPES.publicIpAddress, "pip", "/pip", { sku: { name: "Standard" } }, { ipAddress: "203.0.113.7" }));
    s.add(
        resource(AZURE_TYPES.virtualNetworkGateway, "gw", GW, {
            vpnType: "RouteBased",
            enableBgp: true,
            bgpSettings: { asn: 65020 },
            ipConfigurations: [{ name: "default", publicIPAddress: { id: "/pip" } }],
            ...gateway,
        }),
    );
    s.add(resource(AZURE_TYPES.localNetworkGateway, "lng", "/lng", { gatewayIpAddress: "198.51.100.9", bgpSettings: { asn: 45104, bgpPeeringAddress: "169.254.22.2" } }));
    const conn = resource(AZURE_TYPES.connection, "conn-master", "/conn", {
        connectionType: "IPsec",
        connectionProtocol: "IKEv2",
        virtualNetworkGateway1: { id: GW },
        localNetworkGateway2: { id: "/lng" },
        sharedKey: 'Key"With\\Quote',
        enableBgp: true,
        usePolicyBasedTrafficSelectors: false,
        ipsecPolicies: [POLICY],
        gatewayCustomBgpIpAddresses: [{ ipConfigurationId: `${GW}/ipConfigurations/default`, customBgpIpAddress: "169.254.22.1" }],
        ...connection,
    });
    s.add(conn);
    return { state: s, connection: conn };
}

describe("lab Azure side: recorded azure-native resources -> strongSwan and FRR", () => {
    it("reads the one custom policy, the key, the addresses and the BGP values of a connection", () => {
        const { state: s, connection } = state();
        const t = azureTunnel(s, connection);
        assert.deepEqual(
            { ...t, psk: undefined },
            {
                connectionName: "conn-master",
                connectionId: "/conn",
                gatewayIp: "203.0.113.7",
                peerIp: "198.51.100.9",
                ikeVersion: 2,
                ikeProposal: "aes256-sha384-ecp384",
                espProposal: "aes128-sha1-modp2048",
                ikeLifetime: 28800,
                childLifetime: 1800,
                psk: undefined,
                localTs: "0.0.0.0/0",
                remoteTs: "0.0.0.0/0",
                bgp: { azureAsn: 65020, azureIp: "169.254.22.1", peerAsn: 45104, peerIp: "169.254.22.2" },
            },
        );
        const conf = renderAzureSwanctl([t]);
        assert.match(conf, /\n        proposals = aes256-sha384-ecp384\n/);
        assert.match(conf, /\n                esp_proposals = aes128-sha1-modp2048\n/);
        assert.match(conf, /\n        rekey_time = 25920s\n        over_time = 2880s\n/, "the IKE SA lives at most 28800 s");
        assert.match(conf, /\n                local_ts = 0\.0\.0\.0\/0\n                remote_ts = 0\.0\.0\.0\/0\n/);
        assert.match(conf, /\n                life_time = 1800s\n/);
        assert.match(conf, /\n                start_action = none\n/);
        assert.match(conf, /\n        local_addrs = 203\.0\.113\.7\n        remote_addrs = 198\.51\.100\.9\n/);
        assert.match(conf, /secret = "Key\\"With\\\\Quote"/);
    });

    it("IKEv1, GCM and no PFS translate as Azure names them", () => {
        const { state: s, connection } = state({
            connectionProtocol: "IKEv1",
            ipsecPolicies: [{ ...POLICY, dhGroup: "DHGroup2048", ipsecEncryption: "GCMAES256", ipsecIntegrity: "GCMAES256", pfsGroup: "None" }],
        });
        const t = azureTunnel(s, connection);
        assert.equal(t.ikeVersion, 1);
        assert.equal(t.ikeProposal, "aes256-sha384-modp2048");
        assert.equal(t.espProposal, "aes256gcm16");
        assert.doesNotMatch(renderAzureSwanctl([t]), /mobike/);
    });

    it("refuses what it cannot restate: no custom policy, two policies, a policy-based gateway, no BGP address, an unknown value", () => {
        const cases: Array<[Parameters<typeof state>, RegExp]> = [
            [[{ ipsecPolicies: [] }], /0 ipsecPolicies entries/],
            [[{ ipsecPolicies: [POLICY, POLICY] }], /2 ipsecPolicies entries/],
            [[{}, { vpnType: "PolicyBased" }], /route-based connections with any-to-any selectors only/],
            [[{ gatewayCustomBgpIpAddresses: [] }], /BGP connections with a custom BGP address/],
            [[{ ipsecPolicies: [{ ...POLICY, ipsecIntegrity: "SHA512" }] }], /ipsecIntegrity SHA512 is not a value this lab translates/],
        ];
        for (const [args, error] of cases) {
            const { state: s, connection } = state(...args);
            assert.throws(() => azureTunnel(s, connection), error);
        }
    });

    it("FRR plays Azure's BGP from the recorded values; the site sits on the gateway's public address", () => {
        const { state: s } = state();
        const site = buildAzureSite(s, { lanAddresses: ["10.60.0.10"] });
        assert.deepEqual(site.spec.publicIps, ["203.0.113.7"]);
        assert.deepEqual(site.spec.lanAddresses, ["10.60.0.10"]);
        assert.equal(
            azureFrrConf(site.tunnels, ["10.60.0.0/16"]),
            [
                "! The Azure VPN gateway's BGP, played by FRR in the lab (lab/azureSide.ts), from the recorded azure-native resources.",
                "frr defaults traditional",
                "!",
                "router bgp 65020",
                " bgp router-id 169.254.22.1",
                " no bgp ebgp-requires-policy",
                " neighbor 169.254.22.2 remote-as 45104",
                " neighbor 169.254.22.2 update-source 169.254.22.1",
                " neighbor 169.254.22.2 timers connect 10",
                " address-family ipv4 unicast",
                "  network 10.60.0.0/16",
                " exit-address-family",
                "",
            ].join("\n"),
        );
    });
});
