// BGP fields of the VPN API, with the refusals Alibaba documents (issue 16). Called from validateCreate
// (emulator/rules.ts) for customer gateways and connections; every other type passes through.
// Sources:
// - CreateVpnConnection (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-createvpnconnection):
//   TunnelBgpConfig.TunnelCidr "must fall within 169.254.0.0/16" with a 30-bit mask, unique among the tunnels of a
//   VPN gateway; LocalBgpIp an address inside TunnelCidr; LocalAsn 1..4294967295, asdot "123.456" accepted; and
//   "If you want to add BGP configurations to an IPsec-VPN connection, make sure that an autonomous system number
//   (ASN) is assigned to the customer gateway" (the same note in CreateVpnAttachment).
// - The provider's schema (alicloud/resource_alicloud_vpn_connection.go, tunnel_options_specification.tunnel_bgp_config
//   and bgp_config; alicloud/resource_alicloud_vpn_customer_gateway.go, asn), github.com/aliyun/terraform-provider-alicloud.
// - 45104 is the ASN of Alibaba's side (ConnectionBgpConfig.localAsn "Default value: 45104"): a customer gateway
//   cannot take it. Error codes marked "(modelled)" are the emulator's names, not Alibaba's.
import { AlibabaApiError, EmulatorState } from "./state";

const CONNECTION = "alicloud:vpn/connection:Connection";
const CUSTOMER_GATEWAY = "alicloud:vpn/customerGateway:CustomerGateway";

function fail(code: string, message: string): never {
    throw new AlibabaApiError(code, message);
}

/** An ASN as Alibaba reads it: a number, or asdot "high.low". Undefined when it is neither. */
function asn(value: unknown): number | undefined {
    const text = String(value);
    const dotted = /^(\d+)\.(\d+)$/.exec(text);
    if (dotted && Number(dotted[1]) <= 65535 && Number(dotted[2]) <= 65535) {
        return Number(dotted[1]) * 65536 + Number(dotted[2]);
    }
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    return Number.isInteger(n) && n >= 1 && n <= 4294967295 ? n : undefined;
}

function toUint(ip: string): number | undefined {
    const parts = ip.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
        return undefined;
    }
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** The /30's network address as a number, when `cidr` is a canonical /30 inside 169.254.0.0/16. */
function tunnelBlock(cidr: unknown): number | undefined {
    const match = /^([\d.]+)\/30$/.exec(String(cidr));
    const base = match ? toUint(match[1]) : undefined;
    const linkLocal = toUint("169.254.0.0")!;
    if (base === undefined || base % 4 !== 0 || base < linkLocal || base > linkLocal + 65535) {
        return undefined;
    }
    return base;
}

interface BgpConfig {
    localAsn?: unknown;
    tunnelCidr?: unknown;
    localBgpIp?: unknown;
}

function checkBgpConfig(config: BgpConfig, where: string): number {
    if (config.localAsn !== undefined && asn(config.localAsn) === undefined) {
        fail("IllegalParam.LocalAsn", `${where}.LocalAsn (${config.localAsn}) is invalid. Valid values: 1 to 4294967295, or two 16-bit numbers separated by a period.`);
    }
    const block = tunnelBlock(config.tunnelCidr);
    if (block === undefined) {
        fail("IllegalParam.TunnelCidr", `${where}.TunnelCidr (${config.tunnelCidr}) is invalid: it must be a CIDR block with a 30-bit mask within 169.254.0.0/16.`);
    }
    if (config.localBgpIp !== undefined) {
        const ip = toUint(String(config.localBgpIp));
        if (ip === undefined || ip < block || ip > block + 3) {
            fail("IllegalParam.LocalBgpIp", `${where}.LocalBgpIp (${config.localBgpIp}) must be an address within TunnelCidr ${config.tunnelCidr}.`);
        }
    }
    return block;
}

/** The /30s already taken by other connections of the gateway (both BGP shapes). */
function gatewayTunnelBlocks(state: EmulatorState, gatewayId: unknown): Array<{ block: number; name: string }> {
    return state.ofType(CONNECTION).flatMap((c) => {
        if (c.inputs.vpnGatewayId !== gatewayId) {
            return [];
        }
        const configs: BgpConfig[] = [
            ...(c.inputs.bgpConfig?.enable ? [c.inputs.bgpConfig as BgpConfig] : []),
            ...((c.inputs.tunnelOptionsSpecifications ?? []) as Array<{ tunnelBgpConfig?: BgpConfig }>).map((t) => t.tunnelBgpConfig).filter((t): t is BgpConfig => !!t),
        ];
        return configs.map((cfg) => ({ block: tunnelBlock(cfg.tunnelCidr)!, name: c.name })).filter((b) => b.block !== undefined);
    });
}

/** Throws the refusal Alibaba documents for the BGP fields of this create request, or returns. */
export function validateBgpCreate(request: { type: string; name: string; inputs: Record<string, any> }, state: EmulatorState): void {
    const inputs = request.inputs;
    if (request.type === CUSTOMER_GATEWAY && inputs.asn !== undefined && asn(inputs.asn) === 45104) {
        fail("IllegalParam.Asn", "The specified Asn (45104) is reserved: it is the ASN of Alibaba Cloud's side. (modelled)");
    }
    if (request.type !== CONNECTION) {
        return;
    }
    const tunnels = (inputs.tunnelOptionsSpecifications ?? []) as Array<{ role?: string; customerGatewayId?: string; tunnelBgpConfig?: BgpConfig }>;
    const single = inputs.bgpConfig?.enable === true ? [{ role: "single", customerGatewayId: inputs.customerGatewayId, tunnelBgpConfig: inputs.bgpConfig as BgpConfig }] : [];
    const withBgp = [...(inputs.enableTunnelsBgp === true ? tunnels : tunnels.filter((t) => t.tunnelBgpConfig)), ...single];
    if (inputs.enableTunnelsBgp === true && tunnels.some((t) => !t.tunnelBgpConfig)) {
        fail("MissingParam.TunnelBgpConfig", "EnableTunnelsBgp is true: every TunnelOptionsSpecification needs a TunnelBgpConfig (TunnelCidr, LocalBgpIp). (modelled)");
    }
    if (tunnels.some((t) => t.tunnelBgpConfig) && inputs.enableTunnelsBgp !== true) {
        fail("IllegalParam.EnableTunnelsBgp", "TunnelBgpConfig is set but EnableTunnelsBgp is not true: the tunnels' BGP would stay off. (modelled)");
    }
    const taken = gatewayTunnelBlocks(state, inputs.vpnGatewayId);
    const seen: number[] = [];
    withBgp.forEach((t, i) => {
        const where = t.role === "single" ? "BgpConfig" : `TunnelOptionsSpecification.${i + 1}.TunnelBgpConfig`;
        const block = checkBgpConfig(t.tunnelBgpConfig!, where);
        const clash = taken.find((b) => b.block === block);
        if (seen.includes(block) || clash) {
            fail(
                "IllegalParam.TunnelCidr",
                `${where}.TunnelCidr (${t.tunnelBgpConfig!.tunnelCidr}) is already used by ${clash ? `connection ${clash.name}` : "the other tunnel"} of VPN gateway ${inputs.vpnGatewayId}: tunnel CIDR blocks must be unique.`,
            );
        }
        seen.push(block);
        const customerGateway = state.findById(t.customerGatewayId);
        if (customerGateway && (customerGateway.inputs.asn === undefined || customerGateway.inputs.asn === "")) {
            fail("IllegalParam.Asn", `The customer gateway ${customerGateway.id} of ${where} has no ASN: BGP needs the customer gateway's ASN.`);
        }
    });
}
