// Where Alibaba Cloud sells VPN gateways, per region and zone.
//
// Source: "IPsec-VPN connections support the dual-tunnel mode", Limits, "The following regions and zones support
// dual-tunnel IPsec-VPN connections" (last updated Oct 28, 2024):
// https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/ipsec-vpn-connections-support-the-dual-tunnel-mode
// The same page: "By default, after you purchase a VPN gateway, you can create only dual-tunnel IPsec-VPN connections"
// in these regions, and "If only one zone in a region supports the dual-tunnel mode ... You can specify the same vSwitch."
// The live answer is the DescribeVpnGatewayAvailableZones API (the provider's data source
// alicloud/data_source_alicloud_vpn_gateway_zones.go calls it); this table is that page, spelled as zone ids.
// Regions the page lists without a readable zone list (US (Virginia)) are left out: unknown, so not refused.

// The table itself lives once, in model/alibaba.ts (the planner reads it too).
import { VPN_GATEWAY_ZONES } from "../model/alibaba";

export { VPN_GATEWAY_ZONES };

/** The VPN-capable zones of `region`, or undefined when the table does not know the region. */
export function vpnGatewayZones(region: string): readonly string[] | undefined {
    return VPN_GATEWAY_ZONES[region];
}

/** True when new gateways in `region` accept only dual-tunnel connections (every region of the table). */
export function isDualTunnelOnlyRegion(region: string): boolean {
    return region in VPN_GATEWAY_ZONES;
}

/** True when `region` has a single VPN zone: the disaster-recovery vSwitch may then be in that zone, even the same vSwitch. */
export { isSingleVpnZoneRegion } from "../model/gateway";

/**
 * Zone ids extend the region id: "cn-hangzhou-h" in China, "ap-northeast-1a" elsewhere (the letter follows a digit).
 * A zone of this shape may still not exist; the VPN table above is the stricter test for gateways.
 */
export function isZoneOfRegion(zoneId: unknown, region: string): boolean {
    return typeof zoneId === "string" && new RegExp(`^${region.replace(/[-]/g, "\\-")}${/\d$/.test(region) ? "" : "-"}[a-z]$`).test(zoneId);
}
