import * as assert from "node:assert/strict";
import * as alicloud from "@pulumi/alicloud";
import * as tls from "@pulumi/tls";
import { TYPES } from "../../emulator";
import { emulate, valueOf } from "../helpers";

const DEBIAN = "debian_12_11_x64_20G_alibase_20250825.vhd";

/** A VPC, a vSwitch and a security group to put instances and rules in. */
function base() {
    const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "172.31.0.0/16" });
    const vswitch = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "cn-hangzhou-i", cidrBlock: "172.31.16.0/20" });
    const group = new alicloud.ecs.SecurityGroup("sg", { vpcId: vpc.id, securityGroupName: "mesh" });
    return { vpc, vswitch, group };
}

const ingress = (group: alicloud.ecs.SecurityGroup, name: string, args: Partial<alicloud.ecs.SecurityGroupRuleArgs>) =>
    new alicloud.ecs.SecurityGroupRule(name, { securityGroupId: group.id, type: "ingress", ipProtocol: "udp", portRange: "1194/1194", cidrIp: "203.0.113.21/32", nicType: "intranet", ...args });

describe("Alibaba Cloud emulator: ECS, RAM, OOS, tls", () => {
    it("refuses security group rules Alibaba refuses: ports on icmp, tcp without ports, internet rules in a VPC group, priority 0, duplicates", async () => {
        const emulator = await emulate(() => {
            const { group } = base();
            ingress(group, "icmp-ports", { ipProtocol: "icmp", portRange: "8/8" });
            ingress(group, "tcp-any", { ipProtocol: "tcp", portRange: "-1/-1" });
            ingress(group, "internet", { nicType: undefined });
            ingress(group, "priority", { priority: 0 });
            ingress(group, "first", {});
        });
        // Rules register concurrently: compare by name.
        assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]).sort(), [
            ["icmp-ports", "InvalidPortRange.Malformed"],
            ["internet", "InvalidNicType.ValueNotSupported"],
            ["priority", "InvalidPriority.Malformed"],
            ["tcp-any", "InvalidPortRange.Malformed"],
        ]);
        const again = await emulate(() => {
            const { group } = base();
            const first = ingress(group, "first", {});
            first.id.apply(() => ingress(group, "again", {}));
        });
        assert.deepEqual(again.state.rejections.map((r) => [r.name, r.code]), [["again", "InvalidPermission.Duplicate"]]);
    });

    it("gives instances the first free address of the vSwitch (not the reserved first one), a public IP only with bandwidth", async () => {
        const emulator = await emulate(() => {
            const { vswitch, group } = base();
            const a = new alicloud.ecs.Instance("a", { imageId: DEBIAN, instanceType: "ecs.e-c1m2.large", vswitchId: vswitch.id, securityGroups: [group.id], internetMaxBandwidthOut: 5 });
            a.id.apply(() => new alicloud.ecs.Instance("b", { imageId: DEBIAN, instanceType: "ecs.e-c1m2.large", vswitchId: vswitch.id, securityGroups: [group.id] }));
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [a, b] = emulator.ofType(TYPES.instance);
        assert.match(a.id, /^i-bp1[0-9a-z]{21}$/);
        assert.deepEqual([a.outputs.privateIp, b.outputs.privateIp], ["172.31.16.1", "172.31.16.2"]);
        assert.equal(a.outputs.publicIp, "198.51.100.1");
        assert.equal(b.outputs.publicIp, "");
        assert.equal(a.outputs.availabilityZone, "cn-hangzhou-i");
    });

    it("refuses instances with an unknown image, a private IP outside or reserved in the vSwitch, or oversized user data", async () => {
        const emulator = await emulate(() => {
            const { vswitch, group } = base();
            const instance = (name: string, args: Partial<alicloud.ecs.InstanceArgs>) =>
                new alicloud.ecs.Instance(name, { imageId: DEBIAN, instanceType: "ecs.e-c1m2.large", vswitchId: vswitch.id, securityGroups: [group.id], ...args });
            instance("image", { imageId: "centos_6_x64.vhd" });
            instance("outside", { privateIp: "172.31.40.5" });
            instance("reserved", { privateIp: "172.31.31.255" });
            instance("userdata", { userData: "#!/bin/sh\n" + "x".repeat(16 * 1024) });
        });
        assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]).sort(), [
            ["image", "InvalidImageId.NotFound"],
            ["outside", "InvalidPrivateIpAddress.Malformed"],
            ["reserved", "InvalidPrivateIpAddress.Malformed"],
            ["userdata", "InvalidUserData.SizeExceeded"],
        ]);
    });

    it("refuses attaching a RAM role that does not trust ECS (InvalidRamRole.NotEcsRole)", async () => {
        const emulator = await emulate(() => {
            const { vswitch, group } = base();
            const instance = new alicloud.ecs.Instance("i", { imageId: DEBIAN, instanceType: "ecs.e-c1m2.large", vswitchId: vswitch.id, securityGroups: [group.id] });
            const role = new alicloud.ram.Role("fc-role", {
                roleName: "fc-role",
                assumeRolePolicyDocument: JSON.stringify({ Version: "1", Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["fc.aliyuncs.com"] } }] }),
            });
            new alicloud.ecs.RamRoleAttachment("attach", { instanceId: instance.id, ramRoleName: role.roleName });
        });
        assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]), [["attach", "InvalidRamRole.NotEcsRole"]]);
    });

    it("refuses OOS secret parameter names with a reserved prefix and values over 4096 characters", async () => {
        const emulator = await emulate(() => {
            new alicloud.oos.SecretParameter("reserved", { secretParameterName: "ACS-mesh-key", value: "x" });
            new alicloud.oos.SecretParameter("long", { secretParameterName: "mesh/long", value: "x".repeat(4097) });
            new alicloud.oos.SecretParameter("fine", { secretParameterName: "openvpn-mesh/m/server-key", value: "x" });
        });
        assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]).sort(), [
            ["long", "InvalidParameter.Value"],
            ["reserved", "InvalidParameter.Name"],
        ]);
    });

    it("creates Cloud Assistant commands (c-hz0…) and invocations (t-hz0…); refuses what CreateCommand and InvokeCommand refuse", async () => {
        const script = (text: string) => Buffer.from(text, "utf8").toString("base64");
        const emulator = await emulate(() => {
            const { vswitch, group } = base();
            const instance = new alicloud.ecs.Instance("i", { imageId: DEBIAN, instanceType: "ecs.e-c1m2.large", vswitchId: vswitch.id, securityGroups: [group.id] });
            const command = new alicloud.ecs.Command("ok", { name: "reconfigure", commandContent: script("#!/bin/sh\necho hi\n"), type: "RunShellScript", timeout: 600 });
            new alicloud.ecs.Command("plain", { name: "plain", commandContent: "echo hi", type: "RunShellScript" });
            new alicloud.ecs.Command("big", { name: "big", commandContent: script("#" + "x".repeat(14 * 1024)), type: "RunShellScript" });
            new alicloud.ecs.Command("type", { name: "type", commandContent: script("ls"), type: "RunPythonScript" });
            new alicloud.ecs.Command("name", { name: "n".repeat(129), commandContent: script("ls"), type: "RunShellScript" });
            new alicloud.ecs.EcsInvocation("run", { commandId: command.id, instanceIds: [instance.id] });
            new alicloud.ecs.EcsInvocation("no-command", { commandId: "c-hz0aaaaaaaaaaaaa", instanceIds: [instance.id] });
            new alicloud.ecs.EcsInvocation("no-instance", { commandId: command.id, instanceIds: ["i-bp1aaaaaaaaaaaaaaaaaaaaa"] });
            new alicloud.ecs.EcsInvocation("too-many", { commandId: command.id, instanceIds: Array(51).fill(instance.id) });
            // The command in another region: the Hangzhou endpoint cannot see it.
            const tokyo = new alicloud.Provider("tokyo", { region: "ap-northeast-1" });
            const far = new alicloud.ecs.Command("far", { name: "far", commandContent: script("ls"), type: "RunShellScript" }, { provider: tokyo });
            new alicloud.ecs.EcsInvocation("cross-region", { commandId: far.id, instanceIds: [instance.id] });
        });
        assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]).sort(), [
            ["big", "CmdContent.ExceedLimit"],
            ["cross-region", "InvalidResourceId.NotFound"],
            ["name", "CmdName.ExceedLimit"],
            ["no-command", "InvalidCmdId.NotFound"],
            ["no-instance", "InvalidInstance.NotFound"],
            ["plain", "Invalid.CommandContent"],
            ["too-many", "InstanceIds.ExceedLimit"],
            ["type", "InvalidCmdType.NotFound"],
        ]);
        const [command] = emulator.ofType(TYPES.command).filter((c) => c.name === "ok");
        const [run] = emulator.ofType(TYPES.ecsInvocation);
        const [instance] = emulator.ofType(TYPES.instance);
        assert.match(command.id, /^c-hz0[0-9a-z]{13}$/);
        assert.match(emulator.ofType(TYPES.command).find((c) => c.name === "far")!.id, /^c-6we[0-9a-z]{13}$/);
        assert.match(run.id, /^t-hz0[0-9a-z]{13}$/);
        assert.deepEqual([run.inputs.commandId, run.inputs.instanceIds, run.outputs.repeatMode, run.outputs.status], [command.id, [instance.id], "Once", "Success"]);
        assert.equal(command.outputs.timeout, 600);
    });

    it("looks up the newest public image by name pattern", async () => {
        let imageId!: string;
        await emulate(async () => {
            imageId = await valueOf(alicloud.ecs.getImagesOutput({ nameRegex: "^ubuntu_", owners: "system", mostRecent: true }).images[0].id);
        });
        assert.equal(imageId, "ubuntu_24_04_x64_20G_alibase_20250722.vhd");
    });

    it("refuses camelCase allowed uses as the tls provider does, and defaults ECDSA to P224 when the curve is left out", async () => {
        const emulator = await emulate(() => {
            const key = new tls.PrivateKey("key", { algorithm: "ECDSA" });
            new tls.SelfSignedCert("cert", { privateKeyPem: key.privateKeyPem, allowedUses: ["serverAuth"], validityPeriodHours: 24, subject: { commonName: "x" } });
        });
        assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]), [["cert", "tls.InvalidArgument"]]);
        assert.match(emulator.state.rejections[0].message, /got serverAuth/);
        assert.equal(emulator.ofType(TYPES.privateKey)[0].outputs.ecdsaCurve, "P224");
    });
});
