import type { RenderedCommon, RenderedService } from '../../platform/recipe/render/rendered.js';

/** Inputs for the k3s provider: one Deployment and Service per entry of `services`, in `namespace`. */
export interface K3sInputs extends RenderedCommon {
  provider: 'k3s';
  namespace: string;
  storageClass: string;
  services: RenderedService[];
  ingress?: { host: string; service: string; port: number };
  /** The architectures the images are built for, when the recipe says they are not built for all. */
  architectures?: string[];
}
