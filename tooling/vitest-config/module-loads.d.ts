export declare function modulesLoadedBy(
  script: string,
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<string[]>;
export declare const isAwsModule: (url: string) => boolean;
