// Times spawn → initialize result for a command, as a host does on every launch.
import { spawn } from 'node:child_process';

const INIT = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
})}\n`;

// Milliseconds from spawn until the first stdout line (the initialize result), or until exit for non-servers.
export function timeToInitialize(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill();
      resolve(ms);
    };
    child.stdout.on('data', (chunk) => {
      if (chunk.toString().includes('"id":1')) finish();
    });
    child.on('exit', finish);
    child.on('error', reject);
    child.stdin.on('error', () => {});
    child.stdin.write(INIT);
  });
}
