// The other clouds' Pulumi SDKs are optional peer dependencies: a user joining Alibaba Cloud only to AWS installs
// @pulumi/aws and nothing for Azure or Google Cloud. They are loaded when a component needs them, never at import.

/** Loads an optional package, or throws an error that names the package and the command that installs it. */
export function requireOptional<T>(packageName: string, range: string, needs: string, subpath?: string): T {
    try {
        // A subpath (@pulumi/azure-native/network) loads one module of a large SDK instead of its index.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(subpath ? `${packageName}/${subpath}` : packageName) as T;
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e?.code === "MODULE_NOT_FOUND" && String(e.message).includes(packageName)) {
            throw new Error(
                `${needs} needs the package ${packageName}, an optional peer dependency of alicloud-vpn that is not installed. ` +
                    `Fix: run \`npm install ${packageName}@${range}\` in your Pulumi project (nothing was created).`,
            );
        }
        throw err;
    }
}
