import type { SubgraphEntry, SubgraphList } from '@hub/kit';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service, type IContainer, type IEnvVar } from 'kubernetes-models/v1';
import { stringify } from 'yaml';
import { SERVICE_NODE_FLAGS } from './node-flags';

/**
 * Kubernetes manifests under deploy/kubernetes/, derived from subgraphs.json as docker-compose.yml
 * is: a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget per subgraph and for
 * the gateway, NetworkPolicies, a ConfigMap of non-secret settings and a kustomization. Every
 * object is built with kubernetes-models and validated against the Kubernetes OpenAPI schema
 * offline (`validate()` throws on a wrong field or type), so a generated file that would not
 * apply fails `pnpm compose` instead of a deployment. Secrets are referenced, never written:
 * see docs/deployment.md for the `kubectl create secret` lines.
 */

export const PART_OF = 'supervision-hub';
/** The image docker-compose builds from the Dockerfile; kustomize's `images:` points it at a registry. */
export const IMAGE = 'supervision-hub:0.1.0';
export const GATEWAY_PORT = 4000;

/** Sizing per replica, from the benchmark (see docs/deployment.md, "Sizing"). */
export const SIZING = {
  gateway: { requests: { cpu: '250m', memory: '192Mi' }, limits: { memory: '512Mi' }, replicas: { min: 2, max: 6 } },
  subgraph: { requests: { cpu: '200m', memory: '192Mi' }, limits: { memory: '512Mi' }, replicas: { min: 2, max: 4 } },
} as const;

/** The Secrets the pods read (created by the operator, never committed), and their keys. */
export const SECRETS = {
  database: { name: 'hub-database', keys: ['DATABASE_URL'] },
  auth: { name: 'hub-auth', keys: ['AUTH_JWT_SECRET', 'HUB_INTERNAL_KEY'] },
} as const;

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

function labels(name: string, component: 'gateway' | 'subgraph'): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/component': component };
}

const fromSecret = (name: string, secret: { name: string }, optional = false): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret.name, key: name, ...(optional ? { optional: true } : {}) } },
});

/** One container of the hub's image: the built entry point, settings from the ConfigMap and Secrets, probes on /health/*. */
function container(
  name: string,
  entry: string,
  port: number,
  sizing: (typeof SIZING)['gateway' | 'subgraph'],
  env: IEnvVar[],
  readinessPath: string,
): IContainer {
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  return {
    name,
    image: IMAGE,
    command: ['node', ...SERVICE_NODE_FLAGS, '--require', './subgraphs/kit/dist/tracing-register.js', entry],
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    envFrom: [{ configMapRef: { name: 'hub-config' } }],
    env: [
      { name: 'NODE_ENV', value: 'production' },
      { name: 'HUB_ENV', value: 'kubernetes' },
      fromSecret('DATABASE_URL', SECRETS.database),
      // Optional: with AUTH_JWKS_URL (ConfigMap) tokens are verified against the identity provider instead.
      fromSecret('AUTH_JWT_SECRET', SECRETS.auth, true),
      fromSecret('HUB_INTERNAL_KEY', SECRETS.auth),
      ...env,
    ],
    // A replica that waits for another's migrations or demo data does not listen yet: the startup
    // probe gives it 10 minutes before liveness may restart it.
    startupProbe: probe('/health/live', 5, 120),
    livenessProbe: probe('/health/live', 10, 3),
    readinessProbe: probe(readinessPath, 5, 3),
    resources: { requests: { ...sizing.requests }, limits: { ...sizing.limits } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      // The `node` user of the node:20 image.
      runAsUser: 1000,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/** No `replicas`: the HorizontalPodAutoscaler owns the count (a fixed one would be reset on every apply). */
function deployment(name: string, component: 'gateway' | 'subgraph', app: IContainer): Deployment {
  return new Deployment({
    metadata: { name, labels: labels(name, component) },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(name, component) },
        spec: {
          containers: [{ ...app, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }],
          // The root filesystem is read-only; Node and its libraries may still want a scratch /tmp.
          volumes: [{ name: 'tmp', emptyDir: {} }],
          terminationGracePeriodSeconds: 30,
          automountServiceAccountToken: false,
          // Spread replicas over nodes so one node's loss leaves one running.
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
            },
          ],
        },
      },
    },
  });
}

function service(name: string, component: 'gateway' | 'subgraph', port: number): Service {
  return new Service({
    metadata: { name, labels: labels(name, component) },
    spec: {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF },
      ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
    },
  });
}

function autoscaler(name: string, replicas: { min: number; max: number }): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: replicas.min,
      maxReplicas: replicas.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  });
}

function disruptionBudget(name: string): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF } },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF } } },
  });
}

/**
 * Who may open a connection to a subgraph: the gateway, and the slices that read this one through
 * the graph (their `reads` in subgraphs.json: e.g. cases asks projects for a project's supervising
 * department). Nothing else in the cluster; `/health/*` probes come from the kubelet on the node.
 */
function subgraphPolicy(entry: SubgraphEntry, list: SubgraphList): NetworkPolicy {
  const readers = list.subgraphs.filter((other) => other.reads?.includes(entry.name)).map((other) => other.name);
  return new NetworkPolicy({
    metadata: { name: `${entry.name}-ingress`, labels: { 'app.kubernetes.io/name': entry.name, 'app.kubernetes.io/part-of': PART_OF } },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': entry.name, 'app.kubernetes.io/part-of': PART_OF } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': PART_OF } } },
            ...(readers.length
              ? [
                  {
                    podSelector: {
                      matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: readers }],
                      matchLabels: { 'app.kubernetes.io/part-of': PART_OF },
                    },
                  },
                ]
              : []),
          ],
          ports: [{ port: 'http', protocol: 'TCP' }],
        },
      ],
    },
  });
}

/** The gateway is the one entry point: any source may reach its port (an Ingress or a LoadBalancer in front). */
function gatewayPolicy(): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: 'gateway-ingress', labels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': PART_OF } },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': PART_OF } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }],
    },
  });
}

function configMap(): ConfigMap {
  return new ConfigMap({
    metadata: { name: 'hub-config', labels: { 'app.kubernetes.io/part-of': PART_OF } },
    data: {
      // Production: no demo data, no introspection; the rate limit is shared by the gateway replicas
      // (counters in hub_gateway on DATABASE_URL's server).
      SEED_DEMO: 'false',
      INTROSPECTION: 'false',
      RATE_LIMIT_STORE: 'postgres',
      RATE_LIMIT_PER_MINUTE: '600',
      AUTH_JWKS_URL: '',
      // The identity provider's token rules and the web app's sign-in; empty: the defaults (README).
      AUTH_ISSUER: '',
      AUTH_AUDIENCE: '',
      AUTH_ROLE_CLAIM: '',
      AUTH_DEPARTMENT_CLAIM: '',
      AUTH_NAME_CLAIM: '',
      OIDC_ISSUER: '',
      OIDC_CLIENT_ID: '',
      OIDC_SCOPE: '',
      LOG_LEVEL: 'info',
      OTEL_TRACING: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    },
  });
}

/**
 * An option, not in the kustomization: PostgreSQL run by the CloudNativePG operator (its CRD is not
 * in kubernetes-models). Its `hub-db-app` Secret holds a `uri` for the `app` user; docs/deployment.md
 * shows how to turn it into hub-database's DATABASE_URL.
 */
export function cloudNativePgCluster(): Record<string, unknown> {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'hub-db', labels: { 'app.kubernetes.io/part-of': PART_OF } },
    spec: {
      instances: 3,
      storage: { size: '20Gi' },
      // The hub creates one database per slice (hub_<name>) at first start.
      bootstrap: { initdb: { database: 'app', owner: 'app', postInitApplicationSQL: ['ALTER ROLE app CREATEDB'] } },
      backup: {
        retentionPolicy: '30d',
        barmanObjectStore: {
          destinationPath: 's3://CHANGE-ME/hub-db',
          s3Credentials: {
            accessKeyId: { name: 'hub-db-backup', key: 'ACCESS_KEY_ID' },
            secretAccessKey: { name: 'hub-db-backup', key: 'SECRET_ACCESS_KEY' },
          },
        },
      },
    },
  };
}

const HEADER = (what: string) =>
  `# Generated by \`pnpm compose\` from subgraphs.json (tools/src/kubernetes.ts): ${what}. Edit the list or the generator, not this file.\n`;

function yamlDocuments(objects: { toJSON(): unknown }[] | Record<string, unknown>[]): string {
  return objects
    .map((o) => stringify('toJSON' in o && typeof o.toJSON === 'function' ? (o.toJSON as () => unknown)() : o, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

/** Every generated file under deploy/kubernetes/, by file name; each object validated. */
export function kubernetesManifests(list: SubgraphList): Map<string, string> {
  const files = new Map<string, string>();
  const add = (file: string, what: string, objects: (Deployment | Service | HorizontalPodAutoscaler | PodDisruptionBudget | NetworkPolicy | ConfigMap)[]) => {
    for (const object of objects) object.validate();
    files.set(file, HEADER(what) + yamlDocuments(objects));
  };
  add('config.yaml', 'non-secret settings of every pod', [configMap()]);
  for (const entry of list.subgraphs) {
    const app = container(
      entry.name,
      `subgraphs/${entry.name}/dist/index.js`,
      entry.port,
      SIZING.subgraph,
      [{ name: `${envName(entry.name)}_PORT`, value: String(entry.port) }],
      '/health/ready',
    );
    add(`${entry.name}.yaml`, `the ${entry.name} subgraph`, [
      deployment(entry.name, 'subgraph', app),
      service(entry.name, 'subgraph', entry.port),
      autoscaler(entry.name, SIZING.subgraph.replicas),
      disruptionBudget(entry.name),
      subgraphPolicy(entry, list),
    ]);
  }
  // The gateway's /health/ready is 503 while any one subgraph is down. As a readiness gate it would
  // take every gateway out of its Service then, turning one slice's outage into a total one; the
  // gateway answers without that slice's fields (failure isolation), so it is ready once it listens.
  const gateway = container(
    'gateway',
    'gateway/dist/index.js',
    GATEWAY_PORT,
    SIZING.gateway,
    [{ name: 'GATEWAY_PORT', value: String(GATEWAY_PORT) }],
    '/health/live',
  );
  add('gateway.yaml', 'the gateway', [
    deployment('gateway', 'gateway', gateway),
    service('gateway', 'gateway', GATEWAY_PORT),
    autoscaler('gateway', SIZING.gateway.replicas),
    disruptionBudget('gateway'),
    gatewayPolicy(),
  ]);
  const resources = [...files.keys()];
  files.set(
    'kustomization.yaml',
    HEADER('the kustomization (kubectl apply -k deploy/kubernetes)') +
      stringify(
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources,
          // Point the image at your registry here: newName: registry.example/supervision-hub.
          images: [{ name: IMAGE.split(':')[0], newTag: IMAGE.split(':')[1] }],
        },
        { lineWidth: 0 },
      ),
  );
  files.set(
    'postgres-cloudnativepg.yaml',
    HEADER('optional PostgreSQL through the CloudNativePG operator, applied separately') + yamlDocuments([cloudNativePgCluster()]),
  );
  return files;
}
