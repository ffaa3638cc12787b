export interface Config {
  forja?: {
    /**
     * Set by `./forja start --demo`: the portal runs against local simulators of its
     * upstreams, and every page says so.
     * @visibility frontend
     */
    demo?: boolean;
  };
}
