// An Alibaba Cloud Hong Kong VPC joined to a Google Cloud VPC network in asia-east2 (HA VPN, Cloud Router, BGP),
// both ends from one profile (the strongest both clouds accept). Needs `npm install @pulumi/gcp@^9`, an optional peer
// dependency of alicloud-vpn, and both clouds' credentials for `pulumi up`.
import { CloudLink } from "alicloud-vpn";

const link = new CloudLink("hongkong-gcp", {
    alibaba: {
        region: "cn-hongkong",
        vpcCidr: "172.24.0.0/16",
        bandwidth: 10,
        vswitches: [
            { zoneId: "cn-hongkong-b", cidr: "172.24.1.0/24" },
            { zoneId: "cn-hongkong-c", cidr: "172.24.2.0/24" },
        ],
    },
    gcp: { region: "asia-east2", network: "vpc-hk", project: "example-project", vpcCidrs: ["10.70.0.0/20"] },
});

export const haVpnInterfaces = link.peerTunnelAddresses;
