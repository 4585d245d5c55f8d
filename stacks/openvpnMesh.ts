// Seed 003: a small community site joins the VPCs it rents on several clouds in one city (Hangzhou) with
// OpenVPN. The server (also the shared PostgreSQL/Redis host) is an Alibaba ECS instance; clients are VMs
// on Huawei Cloud and Tencent Cloud that route their own VPC subnets. This stack builds the Alibaba side
// (VPC, vSwitch, OpenVpnMesh) and hands out one client bundle per VM.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { IngressRuleSpec, OpenVpnMesh, OpenVpnMeshArgs, checkOpenVpnMesh } from "../components/openVpnMesh";
import { assertNoErrors } from "../model/findings";
import { CLIENT_CLOUDS, KEY_DELIVERIES, OPENVPN_PROTOCOLS } from "../model/openvpn";
import { ScenarioResult } from "./hypermotion";
import { readConfig, vswitchSchema } from "./config";

const KEY = "alicloud-vpn:openvpn-mesh";

// Keys mirror the component arguments, so an error's field path is also the path in Pulumi.<stack>.yaml.
export const openvpnMeshSchema = z
    .object({
        name: z.string().min(2),
        vpcCidr: z.string(),
        vswitch: vswitchSchema,
        server: z
            .object({
                /** An image id, or a name pattern looked up with alicloud.ecs.getImages (newest match). */
                imageId: z.string().optional(),
                imageNameRegex: z.string().optional(),
                instanceType: z.string(),
                privateIp: z.string().optional(),
                internetMaxBandwidthOut: z.number().int().default(5),
                keyName: z.string().optional(),
            })
            .strict()
            .refine((s) => (s.imageId === undefined) !== (s.imageNameRegex === undefined), { message: "set exactly one of imageId and imageNameRegex" }),
        tunnelCidr: z.string().optional(),
        port: z.number().int().optional(),
        proto: z.enum(OPENVPN_PROTOCOLS).optional(),
        clients: z.array(
            z.object({ name: z.string(), cloud: z.enum(CLIENT_CLOUDS).optional(), publicIp: z.string().optional(), lans: z.array(z.string()) }).strict(),
        ),
        allowAnySource: z.boolean().optional(),
        legacyCompat: z.object({ reason: z.string().min(1) }).strict().optional(),
        keyDelivery: z.enum(KEY_DELIVERIES).optional(),
        forwardFrom: z.array(z.string()).optional(),
        extraIngress: z
            .array(z.object({ protocol: z.string(), portRange: z.string().optional(), cidr: z.string(), description: z.string().optional() }).strict())
            .optional(),
    })
    .strict();

export type OpenvpnMeshConfig = z.infer<typeof openvpnMeshSchema>;

/** The alicloud provider a caller passed in `providers`, for the resources and invokes the stack makes itself. */
function alicloudProvider(opts?: pulumi.ComponentResourceOptions): pulumi.ProviderResource | undefined {
    return opts?.providers && !Array.isArray(opts.providers) ? opts.providers.alicloud : undefined;
}

function imageIdOf(server: OpenvpnMeshConfig["server"], provider?: pulumi.ProviderResource): pulumi.Input<string> {
    if (server.imageId) {
        return server.imageId;
    }
    return alicloud.ecs.getImagesOutput({ nameRegex: server.imageNameRegex, owners: "system", mostRecent: true }, { provider }).images[0].id;
}

export function openvpnMesh(config: OpenvpnMeshConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    const meshArgs = (vpc?: alicloud.vpc.Network, vswitch?: alicloud.vpc.Switch): OpenVpnMeshArgs => ({
        vpcCidr: config.vpcCidr,
        vpcId: vpc?.id ?? "",
        vswitchId: vswitch?.id ?? "",
        routeTableId: vpc?.routeTableId ?? "",
        imageId: "",
        instanceType: config.server.instanceType,
        privateIp: config.server.privateIp,
        internetMaxBandwidthOut: config.server.internetMaxBandwidthOut,
        keyName: config.server.keyName,
        clients: config.clients,
        tunnelCidr: config.tunnelCidr,
        port: config.port,
        proto: config.proto,
        allowAnySource: config.allowAnySource,
        legacyCompat: config.legacyCompat,
        keyDelivery: config.keyDelivery,
        forwardFrom: config.forwardFrom,
        extraIngress: config.extraIngress as IngressRuleSpec[] | undefined,
        tags: { scenario: "openvpn-mesh" },
        configPath: KEY,
        serverConfigPath: `${KEY}.server`,
        vswitchCidr: config.vswitch.cidr,
        vswitchName: config.vswitch.name,
        region: new pulumi.Config("alicloud").get("region") ?? "cn-hangzhou",
        keyPaths: { [`${KEY}.vswitchCidr`]: `${KEY}.vswitch.cidr` },
    });
    // The whole mesh and the network it makes are checked before the first resource is declared, the VPC and
    // vSwitch included: nothing is half-created. The component prints its warnings.
    assertNoErrors(checkOpenVpnMesh(config.name, meshArgs()));

    const provider = alicloudProvider(opts);
    const child = { provider };
    const vpc = new alicloud.vpc.Network(`${config.name}-vpc`, { vpcName: config.name, cidrBlock: config.vpcCidr, tags: { scenario: "openvpn-mesh" } }, child);
    const vswitch = new alicloud.vpc.Switch(
        config.vswitch.name,
        { vpcId: vpc.id, zoneId: config.vswitch.zoneId, cidrBlock: config.vswitch.cidr, vswitchName: config.vswitch.name },
        child,
    );
    const mesh = new OpenVpnMesh(config.name, { ...meshArgs(vpc, vswitch), imageId: imageIdOf(config.server, provider) }, opts);
    const files = pulumi.secret(
        pulumi.all([mesh.clientBundles, mesh.userData]).apply(([bundles, userData]) => ({
            [`${config.name}-server.conf`]: mesh.serverConfig,
            [`${config.name}-user-data.sh`]: userData,
            [`${config.name}-reconfigure.sh`]: mesh.reconfigureScript,
            ...Object.fromEntries(Object.entries(mesh.ccdFiles).map(([name, text]) => [`ccd/${name}`, text])),
            ...Object.fromEntries(Object.entries(bundles).flatMap(([name, b]) => [[`${name}.ovpn`, b.ovpn], [`${name}-setup.sh`, b.setup]])),
        })),
    );
    return {
        links: [],
        findings: [...mesh.findings],
        files,
        outputs: {
            vpcId: vpc.id,
            instanceId: mesh.instanceId,
            serverPublicIp: mesh.publicIp,
            serverPrivateIp: mesh.privateIp,
            caCertPem: mesh.caCertPem,
            clientBundles: mesh.clientBundles,
        },
    };
}

export function openvpnMeshFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return openvpnMesh(readConfig(openvpnMeshSchema, "openvpn-mesh"), opts);
}
