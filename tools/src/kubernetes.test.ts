import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readSubgraphList, repoRoot } from '@hub/kit';
import { kubernetesManifests, SECRETS } from './kubernetes';

/* The committed manifests, read back from deploy/kubernetes and validated offline against the Kubernetes schema (kubernetes-models 4.5). */

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

const dir = join(repoRoot(), 'deploy', 'kubernetes');
const objects = readdirSync(dir)
  .filter((f) => f !== 'kustomization.yaml' && f !== 'postgres-cloudnativepg.yaml')
  .flatMap((file) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => ({ file, object: doc.toJS() as any })));
const find = (kind: string, name: string) => objects.find(({ object }) => object.kind === kind && object.metadata.name === name)?.object;
const services = [...readSubgraphList().subgraphs.map((s) => s.name), 'gateway'];

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('are the ones pnpm compose generates from subgraphs.json, and nothing else is there', () => {
    const generated = kubernetesManifests(readSubgraphList());
    expect(readdirSync(dir).sort()).toEqual([...generated.keys()].sort());
    for (const [name, content] of generated) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(content);
  });

  it('every object validates against the Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThan(services.length * 5);
    for (const { file, object } of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${file}: ${object.apiVersion} ${object.kind} has no model here`).toBeDefined();
      expect(() => new Model(object).validate(), `${file}: ${object.kind} ${object.metadata?.name}`).not.toThrow();
    }
  });

  it('the validation can fail: a wrong field type is refused', () => {
    const broken = structuredClone(find('Deployment', 'gateway'));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'four thousand';
    expect(() => new Deployment(broken).validate()).toThrow();
  });

  it('a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget for every subgraph and the gateway', () => {
    for (const name of services) {
      const deployment = find('Deployment', name);
      expect(deployment, name).toBeDefined();
      const [container] = deployment.spec.template.spec.containers;
      // The gateway stays in its Service while a subgraph is down (it answers without that slice's fields).
      expect(container.readinessProbe.httpGet.path).toBe(name === 'gateway' ? '/health/live' : '/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.startupProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.requests.memory).toBeDefined();
      expect(find('Service', name).spec.ports[0].port).toBe(container.ports[0].containerPort);
      const hpa = find('HorizontalPodAutoscaler', name);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(find('PodDisruptionBudget', name).spec.minAvailable).toBe(1);
    }
  });

  it('secrets only by reference: no Secret object, no secret value in any file', () => {
    expect(objects.filter(({ object }) => object.kind === 'Secret')).toEqual([]);
    const secretNames = Object.values(SECRETS).flatMap((s) => s.keys as readonly string[]);
    for (const name of services) {
      const env = find('Deployment', name).spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: any }[];
      for (const secret of secretNames) {
        const variable = env.find((e) => e.name === secret);
        expect(variable?.value, `${name} ${secret}`).toBeUndefined();
        expect(variable?.valueFrom?.secretKeyRef?.key, `${name} ${secret}`).toBe(secret);
      }
    }
    const config = find('ConfigMap', 'hub-config').data as Record<string, string>;
    for (const secret of secretNames) expect(config[secret]).toBeUndefined();
  });

  it('network policies: a subgraph is reached only by the gateway and the slices that read it', () => {
    const list = readSubgraphList();
    for (const entry of list.subgraphs) {
      const policy = find('NetworkPolicy', `${entry.name}-ingress`);
      expect(policy.spec.podSelector.matchLabels['app.kubernetes.io/name']).toBe(entry.name);
      const [rule] = policy.spec.ingress;
      expect(policy.spec.ingress).toHaveLength(1);
      const allowed = rule.from
        .flatMap((peer: any) => [peer.podSelector.matchLabels?.['app.kubernetes.io/name'], ...(peer.podSelector.matchExpressions?.[0]?.values ?? [])])
        .filter(Boolean);
      const readers = list.subgraphs.filter((s) => s.reads?.includes(entry.name)).map((s) => s.name);
      expect(allowed.sort()).toEqual(['gateway', ...readers].sort());
      expect(rule.from.every((peer: any) => !peer.namespaceSelector && !peer.ipBlock)).toBe(true);
    }
  });
});
