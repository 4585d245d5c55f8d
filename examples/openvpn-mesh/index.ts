// Seed 003 as a user writes it: an OpenVPN server on an ECS instance in Hangzhou joining client VMs on Huawei Cloud
// and Tencent Cloud, each routing its own subnets. The VPC and vSwitch are the user's own; the mesh adds the
// security group, the instance, its PKI, the VPC routes and the client bundles (secret outputs).
import * as alicloud from "@pulumi/alicloud";
import { OpenVpnMesh } from "alicloud-vpn";

const vpc = new alicloud.vpc.Network("cncfstack-vpc", { vpcName: "cncfstack", cidrBlock: "172.31.0.0/16" });
const vswitch = new alicloud.vpc.Switch("cncfstack-i", { vpcId: vpc.id, zoneId: "cn-hangzhou-i", cidrBlock: "172.31.16.0/20" });
const image = alicloud.ecs.getImagesOutput({ nameRegex: "^debian_12_.*_x64_", mostRecent: true, owners: "system" });

const mesh = new OpenVpnMesh("cncfstack", {
    vpcCidr: "172.31.0.0/16",
    vpcId: vpc.id,
    vswitchId: vswitch.id,
    routeTableId: vpc.routeTableId,
    imageId: image.images[0].id,
    instanceType: "ecs.e-c1m2.large",
    privateIp: "172.31.24.222",
    internetMaxBandwidthOut: 5,
    clients: [
        { name: "huawei-es", cloud: "huawei", publicIp: "203.0.113.21", lans: ["192.168.0.0/24", "192.168.12.0/24"] },
        { name: "tencent-web", cloud: "tencent", publicIp: "203.0.113.22", lans: ["172.25.16.0/20"] },
    ],
});

export const serverPublicIp = mesh.publicIp;
export const clientBundles = mesh.clientBundles;
