import { baseUrl } from './support/env';
import { expect, test } from '@playwright/test';
import { TOPOLOGY } from '../server/topology';

test('the ops page draws the declared pipeline, each consuming stage coloured by its consumer group on this node', async ({ page }) => {
  await page.goto(`${baseUrl()}/ops`);
  const graph = page.getByTestId('pipeline-graph');
  await expect(graph).toBeVisible();
  for (const stage of TOPOLOGY.stages) await expect(graph.getByTestId(`pipeline-stage-${stage.id}`)).toBeVisible();
  for (const topic of TOPOLOGY.topics) {
    await expect(graph.getByTestId(`pipeline-topic-${topic.name}`)).toContainText(`${topic.partitions} partitions`);
  }
  // The processor, archiver and live feed run in this node (perigee start): their groups report a state.
  for (const id of ['processor', 'archiver', 'live-feed']) {
    await expect(graph.getByTestId(`pipeline-stage-${id}`)).toHaveAttribute('data-state', /^(up|lagging|idle)$/, { timeout: 20_000 });
  }
  // The gateway consumes nothing: no group, no state.
  await expect(graph.getByTestId('pipeline-stage-gateway')).toHaveAttribute('data-state', 'none');
});
