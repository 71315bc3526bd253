// Times a host's start of a server over stdio: spawn → initialize result, and spawn → initialize → tools/list
// answered (what a host waits for before it can show and call tools).
import { spawn } from 'node:child_process';

const line = (m) => `${JSON.stringify(m)}\n`;
const INIT = line({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
const LIST = `${line({ jsonrpc: '2.0', method: 'notifications/initialized' })}${line({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}`;

// Milliseconds from spawn until the answer with id `until` arrives (sending tools/list once initialize is
// answered), or until exit for non-servers such as `node -e ""`.
function timeTo(until, command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let done = false;
    let out = '';
    let listed = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill();
      resolve(ms);
    };
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      if (!listed && until === 2 && out.includes('"id":1')) {
        listed = true;
        child.stdin.write(LIST);
      }
      if (out.includes(`"id":${until}`)) finish();
    });
    child.on('exit', finish);
    child.on('error', reject);
    child.stdin.on('error', () => {});
    child.stdin.write(INIT);
  });
}

export const timeToInitialize = (command, args, env) => timeTo(1, command, args, env);
export const timeToUsable = (command, args, env) => timeTo(2, command, args, env);
