// The outputs Alibaba Cloud (through the provider) returns after a successful create.
import { createHash, randomInt } from "crypto";
import { DocumentationAddressPool, ID_PREFIXES, resourceId, routeTableId, routerId } from "./ids";
import { TYPES, isDualTunnelGateway } from "./rules";
import { cmsOutputs } from "./cms";
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
                outputs.tunnelOptionsSpecifications = (inputs.tunnelOptionsSpecifications as any[]).map((tunnel) => ({
                    ...tunnel,
                    tunnelId: resourceId("tun", region, `${urn}:${tunnel.role}`),
                    internetIp: tunnel.role === "master" ? gateway?.outputs.internetIp : gateway?.outputs.disasterRecoveryInternetIp,
                    state: "active",
                    status: "ike_sa_not_established",
                    tunnelIkeConfig: { ...IKE_DEFAULTS, ...tunnel.tunnelIkeConfig },
                    tunnelIpsecConfig: { ...IPSEC_DEFAULTS, ...tunnel.tunnelIpsecConfig },
                }));
            } else {
                outputs.ikeConfig = { ...IKE_DEFAULTS, ...inputs.ikeConfig };
                outputs.ipsecConfig = { ...IPSEC_DEFAULTS, ...inputs.ipsecConfig };
            }
            return { id, outputs };
        }
        case TYPES.vpnRoute:
            // The provider's id format: <vpn_gateway_id>:<next_hop>:<route_dest>.
            return { id: `${inputs.vpnGatewayId}:${inputs.nextHop}:${inputs.routeDest}`, outputs: { ...inputs, status: "published" } };
        case TYPES.vpcRoute: {
            // The provider's id format: <route_table_id>:<router_id>:<destination>:<nexthop_type>:<nexthop_id>.
            const vpc = state.ofType(TYPES.vpc).find((v) => v.outputs.routeTableId === inputs.routeTableId) ?? vpcOfRouteTable(state, inputs.routeTableId);
            return {
                id: `${inputs.routeTableId}:${vpc?.outputs.routerId}:${inputs.destinationCidrblock}:${inputs.nexthopType}:${inputs.nexthopId}`,
                outputs: { ...inputs, status: "Available" },
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
            return ecsOutputs(type, id, region, inputs, state, addresses) ?? { id, outputs: { ...inputs } };
        }
    }
}

/** The tls provider's ids are hashes (a certificate's serial, a key's fingerprint); a hash of the URN stands in. */
function createHashId(urn: string): string {
    return createHash("sha1").update(urn).digest("hex");
}
