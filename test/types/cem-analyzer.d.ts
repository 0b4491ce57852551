/** The analyzer's programmatic entry point (its package ships no types for it). */
declare module '@custom-elements-manifest/analyzer/cli.js' {
  export function cli(options: {
    argv: string[];
    cwd: string;
    /** Return the manifest without writing it (nor package.json, with `packagejson: false`). */
    noWrite: boolean;
  }): Promise<unknown>;
}
