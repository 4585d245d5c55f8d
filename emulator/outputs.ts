// The outputs Alibaba Cloud (through the provider) returns after a successful create: the attributes each resource's
// Read function sets in github.com/aliyun/terraform-provider-alicloud at commit 81c43b6727a09e9da37b3d88818c3ba5fa17fa14
// (named per resource below), with the output names of @pulumi/alicloud's vpn/*.d.ts and vpc/*.d.ts.
import { createHash, randomInt } from "crypto";
import { DocumentationAddressPool, ID_PREFIXES, resourceId, routeTableId, routerId } from "./ids";
import { TYPES, isDualTunnelGateway } from "./rules";
import { cmsOutputs } from "./cms";
import { cenOutputs } from "./cen";
import { ecsOutputs } from "./ecs";
import { natOutputs, vpcOfRouteTable } from "./nat";
import { EmulatorState } from "./state";
import { tlsOutputs } from "./tls";

export interface Created {
    id: string;
    outputs: Record<string, any>;
}

/** Alibaba's API defaults for fields a connection leaves unset (CreateVpnConnection reference). */
const IKE_DEFAULTS = { ikeVersion: "ikev1", ikeMode: "main", ikeEncAlg: "aes", ikeAuthAlg: "md5", ikePfs: "group2", ikeLifetime: 86400 };
const IPSEC_DEFAULTS = { ipsecEncAlg: "aes", ipsecAuthAlg: "md5", ipsecPfs: "group2", ipsecLifetime: 86400 };

const PASSWORD_SETS = {
    lower: "abcdefghijklmnopqrstuvwxyz",
    upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    numeric: "0123456789",
    special: "!@#$%&*()-_=+[]{}<>:?",
};

/** random.RandomPassword as the random provider generates it: cryptographically random, honouring the flags. */
function randomPassword(inputs: Record<string, any>): string {
    const length: number = inputs.length;
    const sets: string[] = [];
    if (inputs.lower !== false) sets.push(PASSWORD_SETS.lower);
    if (inputs.upper !== false) sets.push(PASSWORD_SETS.upper);
    if (inputs.numeric !== false) sets.push(PASSWORD_SETS.numeric);
    if (inputs.special !== false) sets.push(inputs.overrideSpecial ?? PASSWORD_SETS.special);
    const all = sets.join("");
    const chars = sets.map((set) => set[randomInt(set.length)]);
    while (chars.length < length) {
        chars.push(all[randomInt(all.length)]);
    }
    for (let i = chars.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.slice(0, length).join("");
}

const PSK_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The 16-character pre-shared key the API generates when a connection gives none. */
function generatedPsk(): string {
    return Array.from({ length: 16 }, () => PSK_ALPHABET[randomInt(PSK_ALPHABET.length)]).join("");
}

export function createOutputs(
    type: string,
    name: string,
    urn: string,
    region: string,
    inputs: Record<string, any>,
    state: EmulatorState,
    addresses: DocumentationAddressPool,
): Created {
    const prefix = ID_PREFIXES[type];
    const id = prefix ? resourceId(prefix, region, urn) : `${name}-id`;
    const createTime = "2026-11-23T08:00:00Z";
    switch (type) {
        case TYPES.vpc:
            return {
                id,
                outputs: {
                    ...inputs,
                    cidrBlock: inputs.cidrBlock ?? "172.16.0.0/12",
                    vpcName: inputs.vpcName ?? name,
                    routeTableId: routeTableId(region, id),
                    routerTableId: routeTableId(region, id),
                    routerId: routerId(region, id),
                    regionId: region,
                    status: "Available",
                    createTime,
                },
            };
        case TYPES.vswitch:
            return { id, outputs: { ...inputs, vswitchName: inputs.vswitchName ?? name, status: "Available", createTime } };
        case TYPES.gateway: {
            const dual = Boolean(inputs.disasterRecoveryVswitchId);
            return {
                id,
                outputs: {
                    ...inputs,
                    vpnGatewayName: inputs.vpnGatewayName ?? name,
                    internetIp: addresses.allocate(),
                    disasterRecoveryInternetIp: dual ? addresses.allocate() : "",
                    networkType: inputs.networkType ?? "public",
                    paymentType: inputs.paymentType ?? "PayAsYouGo",
                    vpnType: inputs.vpnType ?? "Normal",
                    enableIpsec: inputs.enableIpsec ?? true,
                    enableSsl: inputs.enableSsl ?? false,
                    sslConnections: inputs.sslConnections ?? 0,
                    status: "active",
                    businessStatus: "Normal",
                    createTime: 1795420800000,
                },
            };
        }
        case TYPES.customerGateway:
            return { id, outputs: { ...inputs, customerGatewayName: inputs.customerGatewayName ?? name, createTime: 1795420800000 } };
        // Provider alicloud/resource_alicloud_vpn_connection.go, resourceAliCloudVPNGatewayVpnConnectionRead: each
        // tunnel of tunnel_options_specification carries its own internet_ip, zone_no, tunnel_id, state and status;
        // a PSK left out is generated by the API ("the system randomly generates a 16-bit string", provider
        // website/docs/r/vpn_connection.html.markdown, ike_config.psk) and read back.
        case TYPES.connection: {
            const gateway = state.findById(inputs.vpnGatewayId);
            const dual = gateway ? isDualTunnelGateway(gateway) : false;
            const outputs: Record<string, any> = {
                ...inputs,
                vpnConnectionName: inputs.vpnConnectionName ?? name,
                status: "ike_sa_not_established",
                enableDpd: inputs.enableDpd ?? true,
                enableNatTraversal: inputs.enableNatTraversal ?? true,
                createTime: 1795420800000,
            };
            if (dual) {
                // The master tunnel ends on the gateway's internetIp in its vSwitch's zone, the slave tunnel on
                // disasterRecoveryInternetIp in the disaster-recovery vSwitch's zone (modelled: the provider only
                // reads the API's answer back).
                const zoneOf = (vswitchId: unknown) => state.findById(vswitchId as string)?.inputs.zoneId ?? "";
                outputs.tunnelOptionsSpecifications = (inputs.tunnelOptionsSpecifications as any[]).map((tunnel) => {
                    const master = tunnel.role === "master";
                    return {
                        ...tunnel,
                        tunnelId: resourceId("tun", region, `${urn}:${tunnel.role}`),
                        internetIp: master ? gateway?.outputs.internetIp : gateway?.outputs.disasterRecoveryInternetIp,
                        zoneNo: zoneOf(master ? gateway?.inputs.vswitchId : gateway?.inputs.disasterRecoveryVswitchId),
                        state: "active",
                        status: "ike_sa_not_established",
                        tunnelIkeConfig: { ...IKE_DEFAULTS, ...tunnel.tunnelIkeConfig, psk: tunnel.tunnelIkeConfig?.psk ?? generatedPsk() },
                        tunnelIpsecConfig: { ...IPSEC_DEFAULTS, ...tunnel.tunnelIpsecConfig },
                    };
                });
            } else {
                outputs.ikeConfig = { ...IKE_DEFAULTS, ...inputs.ikeConfig, psk: inputs.ikeConfig?.psk ?? generatedPsk() };
                outputs.ipsecConfig = { ...IPSEC_DEFAULTS, ...inputs.ipsecConfig };
            }
            return { id, outputs };
        }
        case TYPES.vpnRoute:
            // Provider alicloud/resource_alicloud_vpn_route_entry.go, resourceAliyunVpnRouteEntryRead: status is the
            // API's State, "published" when the route is published to the VPC and "normal" otherwise; route_entry_type
            // is "custom" for a static route ("bgp" for learned ones, data_source_alicloud_vpn_gateway_vco_routes_test.go).
            // The provider's id format: <vpn_gateway_id>:<next_hop>:<route_dest>.
            return {
                id: `${inputs.vpnGatewayId}:${inputs.nextHop}:${inputs.routeDest}`,
                outputs: { ...inputs, status: inputs.publishVpc === true ? "published" : "normal", routeEntryType: "custom" },
            };
        case TYPES.vpcRoute: {
            // Provider alicloud/resource_alicloud_route_entry.go, resourceAliyunRouteEntryRead: route_table_id,
            // destination_cidrblock, nexthop_type, nexthop_id, name, description, router_id; no status.
            // The provider's id format: <route_table_id>:<router_id>:<destination>:<nexthop_type>:<nexthop_id>.
            const vpc = state.ofType(TYPES.vpc).find((v) => v.outputs.routeTableId === inputs.routeTableId) ?? vpcOfRouteTable(state, inputs.routeTableId);
            return {
                id: `${inputs.routeTableId}:${vpc?.outputs.routerId}:${inputs.destinationCidrblock}:${inputs.nexthopType}:${inputs.nexthopId}`,
                outputs: { ...inputs, routerId: vpc?.outputs.routerId, name: inputs.name ?? "" },
            };
        }
        case "random:index/randomPassword:RandomPassword": {
            const result = randomPassword(inputs);
            return { id: "none", outputs: { ...inputs, result, bcryptHash: "" } };
        }
        default: {
            const natCreated = natOutputs(type, region, urn, inputs, state);
            if (natCreated) {
                return natCreated;
            }
            const cmsCreated = cmsOutputs(type, inputs);
            if (cmsCreated) {
                return cmsCreated;
            }
            const tlsCreated = tlsOutputs(type, inputs);
            if (tlsCreated) {
                return { id: type.startsWith("random:") ? "none" : createHashId(urn), outputs: tlsCreated };
            }
            return cenOutputs(type, urn, region, inputs, state) ?? ecsOutputs(type, id, region, inputs, state, addresses) ?? { id, outputs: { ...inputs } };
        }
    }
}

/** The tls provider's ids are hashes (a certificate's serial, a key's fingerprint); a hash of the URN stands in. */
function createHashId(urn: string): string {
    return createHash("sha1").update(urn).digest("hex");
}
