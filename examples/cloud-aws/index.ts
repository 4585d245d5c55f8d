// Seed 001's example as a user writes it: an Alibaba Cloud Beijing VPC joined to an AWS Singapore VPC, both ends
// from one profile (the strongest both clouds accept). Needs `npm install @pulumi/aws@^7`, an optional peer
// dependency of alicloud-vpn, and both clouds' credentials for `pulumi up`.
import { CloudLink } from "alicloud-vpn";

const link = new CloudLink("beijing-singapore", {
    alibaba: {
        region: "cn-beijing",
        vpcCidr: "172.16.0.0/16",
        bandwidth: 10,
        vswitches: [
            { zoneId: "cn-beijing-h", cidr: "172.16.1.0/24" },
            { zoneId: "cn-beijing-i", cidr: "172.16.2.0/24" },
        ],
    },
    aws: { region: "ap-southeast-1", vpcId: "vpc-0a1b2c3d4e5f67890", vpcCidrs: ["10.100.0.0/16"], routeTableIds: ["rtb-0123456789abcdef0"] },
    // No profile: the strongest both clouds accept (IKEv2, aes256, sha256, group14, lifetimes within AWS's ranges).
});

export const awsTunnels = link.peerTunnelAddresses;
