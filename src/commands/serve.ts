import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../cli/credCommand.js';
import { builtSite } from '../instance/site/site.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  serveUntilStopped,
  startSiteServer,
} from '../server/siteServer.js';

export interface ServeResult {
  readonly url: string;
  readonly root: string;
}

export default class Serve extends CredCommand<ServeResult> {
  static override summary = 'Serve the explorer (output/site/) on this machine.';
  static override description =
    'Serves the site "cred site" built, read-only, and nothing else: no file outside output/site/, no ' +
    'hidden file, never payees.json. Listens on 127.0.0.1 unless --host says otherwise. Stop with Ctrl-C.';
  static override examples = [
    '<%= config.bin %> serve',
    '<%= config.bin %> serve --port 8080',
    '<%= config.bin %> serve --host 0.0.0.0   # reachable from the network',
  ];
  static override flags = {
    host: Flags.string({ description: 'Address to listen on.', default: DEFAULT_HOST }),
    port: Flags.integer({ description: 'Port (0: any free port).', default: DEFAULT_PORT, min: 0 }),
  };

  async run(): Promise<ServeResult> {
    const { flags } = await this.parse(Serve);
    const root = builtSite(await this.openInstance(flags));
    const server = await startSiteServer({ root, host: flags.host, port: flags.port });
    this.log(`Serving ${root} at ${server.url} (Ctrl-C to stop)`);
    if (flags.host !== DEFAULT_HOST)
      this.warn(`listening on ${flags.host}: reachable beyond this machine`);
    await serveUntilStopped(server);
    return { url: server.url, root };
  }
}
