import { it } from 'vitest';
import { connectMcp } from './helpers.js';

it('size', async () => {
  const { mcp } = await connectMcp();
  const r = await mcp.listTools();
  console.log('TOOLSLIST', JSON.stringify(r).length, JSON.stringify(r.tools).length);
});
