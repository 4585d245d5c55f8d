// Seed 002 as a user writes it: a Tokyo hub and spokes in Shanghai and Beijing over Alibaba VPN gateways. The
// component works out every connection's selectors and every route (spokes reach each other through the hub),
// and checks the whole network before anything is created.
import { HubAndSpoke } from "alicloud-vpn";

const site = (name: string, region: string, octet: number, zones: [string, string]) => ({
    name,
    region,
    vpcCidr: `10.${octet}.0.0/16`,
    vswitches: zones.map((zoneId, i) => ({ name: `${name}-${i + 1}`, zoneId, cidr: `10.${octet}.${i + 1}.0/24` })),
    bandwidth: 10,
});

const network = new HubAndSpoke("tokyo", {
    hub: site("tokyo", "ap-northeast-1", 10, ["ap-northeast-1a", "ap-northeast-1b"]),
    spokes: [site("shanghai", "cn-shanghai", 20, ["cn-shanghai-e", "cn-shanghai-f"]), site("beijing", "cn-beijing", 30, ["cn-beijing-h", "cn-beijing-i"])],
});

export const sites = network.sites;
export const hubConnectionIds = network.hubConnectionIds;
