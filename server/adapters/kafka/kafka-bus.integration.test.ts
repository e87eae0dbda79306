import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log';
import { describeBusContract } from '../../ports/testing/bus-contract';
import { KafkaBus } from './kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from './testing/kafka-mock-cluster';

let cluster: KafkaMockCluster;
beforeAll(async () => {
  cluster = await startKafkaMockCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const log = createLogger({ level: 'error', namespace: 'test' });
describeBusContract('KafkaBus (librdkafka mock cluster)', () => new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log, retryDelayMs: 100 }));

describe('Bus > KafkaBus > unreachable brokers', () => {
  it('fails with BusUnavailableError naming KAFKA_BROKERS', async () => {
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'perigee-test', log: createLogger({ level: 'error', write: () => {} }) });
    await expect(bus.producer()).rejects.toMatchObject({
      name: 'BusUnavailableError',
      retriable: true,
      message: 'cannot connect producer to Kafka (127.0.0.1:1); check KAFKA_BROKERS',
    });
    await bus.close();
  }, 60_000);
});
