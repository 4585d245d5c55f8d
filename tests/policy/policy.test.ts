import * as assert from "node:assert/strict";
import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs } from "@pulumi/policy";
import { SiteToSiteLink } from "../../components/siteToSiteLink";
import { VpnHub } from "../../components/vpnHub";
import { TYPES } from "../../emulator";
import {
    PackConfig,
    connectionAdvice,
    connectionValues,
    connectionWeakCrypto,
    gatewayBandwidth,
    gatewayRouteDestination,
    policies,
    vpcRouteCovered,
} from "../../policy/policies";
import { emulate } from "../helpers";

const urn = (type: string, name: string) => `urn:pulumi:test::alicloud-vpn::${type}::${name}`;

function resourceArgs(type: string, name: string, props: Record<string, any>, config: PackConfig = {}): ResourceValidationArgs {
    return {
        type,
        name,
        props,
        urn: urn(type, name),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map(),
        isType: (cls) => (cls as unknown as { __pulumiType: string }).__pulumiType === type,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
}

/** Runs a resource policy's validations the way the analyzer does and collects the violations. */
async function violations(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<string[]> {
    const found: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const validate of validations) {
        await validate(args, (message) => found.push(message));
    }
    return found;
}

const connection = (props: Record<string, any>, config?: PackConfig) => resourceArgs(TYPES.connection, "raw", props, config);

describe("CrossGuard policy pack", () => {
    it("passes the connection, gateway and routes SiteToSiteLink registers", async () => {
        const emulator = await emulate(() => {
            const hub = new VpnHub("hub", {
                vpcCidr: "10.10.0.0/16",
                vswitches: [
                    { zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" },
                    { zoneId: "cn-hangzhou-i", cidr: "10.10.2.0/24" },
                ],
                bandwidth: 10,
            });
            new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24", "192.168.51.0/24"] });
        });
        const resources = emulator.state.cloudResources().filter((r) => r.type.startsWith("alicloud:"));
        for (const resource of resources) {
            for (const policy of policies) {
                if ("validateResource" in policy && policy.validateResource) {
                    const validate = policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void;
                    const args = resourceArgs(resource.type, resource.name, resource.inputs);
                    const found: string[] = [];
                    try {
                        await validate(args, (m) => found.push(m));
                    } catch (err) {
                        assert.match(String(err), /not applicable/);
                    }
                    assert.deepEqual(found, [], `${policy.name} on ${resource.type}`);
                }
            }
        }
        const stackFound: string[] = [];
        await vpcRouteCovered.validateStack(stackArgs(resources.map((r) => ({ type: r.type, name: r.name, props: { ...r.inputs, ...r.outputs } }))), (m) => stackFound.push(m));
        assert.deepEqual(stackFound, []);
    });

    it("flags Alibaba's md5/group2 defaults on a connection that leaves the algorithms unset", async () => {
        const found = await violations(connectionWeakCrypto, connection({ localSubnets: ["10.0.0.0/16"], remoteSubnets: ["192.168.1.0/24"], ikeConfig: { psk: "a-long-enough-psk-0123" } }));
        assert.deepEqual(found, [
            'error [raw] ikeConfig.ikeAuthAlg = "md5": unset, so Alibaba\'s API default applies: MD5 is weak and refused without an explicit opt-in. Fix: set ikeConfig.ikeAuthAlg to sha256 on both ends, or, if the peer can do no better, set the connection\'s tag weak-crypto-opt-in to say why.',
            'error [raw] ipsecConfig.ipsecAuthAlg = "md5": unset, so Alibaba\'s API default applies: MD5 is weak and refused without an explicit opt-in. Fix: set ipsecConfig.ipsecAuthAlg to sha256 on both ends, or, if the peer can do no better, set the connection\'s tag weak-crypto-opt-in to say why.',
            'error [raw] ikeConfig.ikePfs = "group2": unset, so Alibaba\'s API default applies: group2 (MODP-1024) is weak and refused without an explicit opt-in. Fix: set ikeConfig.ikePfs to group14 on both ends, or, if the peer can do no better, set the connection\'s tag weak-crypto-opt-in to say why.',
            'error [raw] ipsecConfig.ipsecPfs = "group2": unset, so Alibaba\'s API default applies: group2 (MODP-1024) is weak and refused without an explicit opt-in. Fix: set ipsecConfig.ipsecPfs to group14 on both ends, or, if the peer can do no better, set the connection\'s tag weak-crypto-opt-in to say why.',
        ]);
    });

    it("turns weak crypto into advice with an opt-in in the policy config", async () => {
        const props = {
            localSubnets: ["10.0.0.0/16"],
            remoteSubnets: ["192.168.1.0/24"],
            tunnelOptionsSpecifications: [
                { role: "master", tunnelIkeConfig: { ikeVersion: "ikev1", ikeMode: "main", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group2", ikeLifetime: 86400 }, tunnelIpsecConfig: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 } },
            ],
        };
        assert.equal((await violations(connectionWeakCrypto, connection(props))).length, 1);
        const config = { weakCryptoOptIn: { raw: "the branch router offers only DH2" } };
        assert.deepEqual(await violations(connectionWeakCrypto, connection(props, config)), []);
        // The same opt-in as a tag on the connection, which every policy of the pack sees.
        const tagged = connection({ ...props, tags: { "weak-crypto-opt-in": "the branch router offers only DH2" } });
        assert.deepEqual(await violations(connectionWeakCrypto, tagged), []);
        assert.deepEqual(await violations(connectionAdvice, tagged), [
            'warning [raw] tunnelOptionsSpecifications[0].tunnelIkeConfig.ikePfs = "group2": group2 (MODP-1024) is weak; allowed by weakCryptoOptIn ("the branch router offers only DH2"). Fix: move tunnelOptionsSpecifications[0].tunnelIkeConfig.ikePfs to group14 once the peer supports it.',
        ]);
    });

    it("refuses values Alibaba rejects: IKEv1 with two subnets, lifetime, PSK length, 11 subnets, 0.0.0.0/0 remote", async () => {
        const strong = { ikeVersion: "ikev1", ikeMode: "main", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14" };
        const ipsec = { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 };
        const found = await violations(
            connectionValues,
            connection({
                localSubnets: ["10.0.0.0/16"],
                remoteSubnets: ["192.168.1.0/24", "192.168.2.0/24"],
                ikeConfig: { ...strong, ikeLifetime: 90000, psk: "p".repeat(101) },
                ipsecConfig: ipsec,
            }),
        );
        assert.deepEqual(found.map((m) => m.split(":")[0]), ["error [raw] ikeConfig.ikeLifetime = 90000", 'error [raw] ikeConfig.psk = "[secret]"', 'error [raw] ikeVersion = "ikev1"']);
        assert.match(found[2], /IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2\. Allowed: ikev2\. Fix: set ikeVersion to ikev2/);

        const eleven = Array.from({ length: 11 }, (_, i) => `192.168.${i}.0/24`);
        const counted = await violations(connectionValues, connection({ localSubnets: ["10.0.0.0/16"], remoteSubnets: eleven, ikeConfig: { ...strong, ikeVersion: "ikev2" }, ipsecConfig: ipsec }));
        assert.deepEqual(counted.map((m) => m.split(" = ")[0]), ["error [raw] remoteSubnets"]);
        assert.match(counted[0], /takes 1 to 10 CIDR blocks\. .*Fix: summarise remoteSubnets into at most 10 blocks/);

        const blind = connection({ localSubnets: ["10.0.0.0/16"], remoteSubnets: ["0.0.0.0/0"], ikeConfig: { ...strong, ikeVersion: "ikev2" }, ipsecConfig: ipsec });
        assert.deepEqual((await violations(connectionValues, blind)).map((m) => m.split(":")[0]), ['error [raw] remoteSubnets = "0.0.0.0/0"', 'error [raw] remoteSubnets[0] = "0.0.0.0/0"']);
        assert.deepEqual((await violations(connectionAdvice, blind)).map((m) => m.split(":")[0]), ['warning [raw] remoteSubnets = "0.0.0.0/0"']);
        // 0.0.0.0/0 on both sides is destination routing: accepted.
        const destination = connection({ localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"], ikeConfig: { ...strong, ikeVersion: "ikev2" }, ipsecConfig: ipsec });
        assert.deepEqual([...(await violations(connectionValues, destination)), ...(await violations(connectionAdvice, destination))], []);
    });

    it("checks gateway bandwidth (public only) and VPN route destinations", async () => {
        assert.deepEqual(await violations(gatewayBandwidth, resourceArgs(TYPES.gateway, "gw", { bandwidth: 15 })), [
            "error [gw] bandwidth = 15: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set bandwidth to the next specification up, e.g. 20.",
        ]);
        assert.deepEqual(await violations(gatewayBandwidth, resourceArgs(TYPES.gateway, "gw", { bandwidth: 200, networkType: "private" })), []);
        assert.deepEqual(await violations(gatewayRouteDestination, resourceArgs(TYPES.vpnRoute, "r", { routeDest: "100.64.1.0/24" })), [
            'error [r] routeDest = "100.64.1.0/24": the VPN gateway cannot route to 100.64.1.0/24: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: route the peer\'s real networks instead.',
        ]);
        assert.deepEqual(await violations(gatewayRouteDestination, resourceArgs(TYPES.vpnRoute, "r", { routeDest: "10.0.0.0/8" })), []);
        await assert.rejects(async () => violations(gatewayBandwidth, connection({})), /not applicable/);
    });

    it("stack: a VPC route to the gateway outside every connection's remote subnets (seed 004)", async () => {
        const resources = [
            { type: TYPES.connection, name: "c1", props: { vpnGatewayId: "vpn-1", remoteSubnets: ["10.200.0.0/20"] } },
            { type: TYPES.connection, name: "c2", props: { vpnGatewayId: "vpn-2", remoteSubnets: ["10.64.0.0/16"] } },
            { type: TYPES.vpcRoute, name: "ok", props: { nexthopType: "VpnGateway", nexthopId: "vpn-1", destinationCidrblock: "10.200.1.0/24" } },
            { type: TYPES.vpcRoute, name: "loop", props: { nexthopType: "VpnGateway", nexthopId: "vpn-1", destinationCidrblock: "10.64.3.0/24" } },
            { type: TYPES.vpcRoute, name: "ecs", props: { nexthopType: "Instance", nexthopId: "i-1", destinationCidrblock: "10.99.0.0/16" } },
        ];
        const found: Array<[string, string | undefined]> = [];
        await vpcRouteCovered.validateStack(stackArgs(resources), (message, where) => found.push([message, where]));
        assert.deepEqual(found, [
            [
                'error [loop] destinationCidrblock = "10.64.3.0/24": the VPC routes 10.64.3.0/24 to VPN gateway vpn-1, but none of its 1 IPsec connection(s) lists it in remoteSubnets (10.200.0.0/20); the gateway does not encrypt it and the packets loop until their TTL expires (seed 004, case 1). Fix: add 10.64.3.0/24 to the remoteSubnets of the connection that should carry it, or remove the route.',
                urn(TYPES.vpcRoute, "loop"),
            ],
        ]);
    });
});

function stackArgs(resources: Array<{ type: string; name: string; props: Record<string, any> }>): StackValidationArgs {
    return {
        resources: resources.map(
            (r) =>
                ({
                    ...r,
                    urn: urn(r.type, r.name),
                    dependencies: [],
                    propertyDependencies: {},
                    isType: () => false,
                    asType: () => undefined,
                }) as unknown as PolicyResource,
        ),
        stackTags: new Map(),
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
}
