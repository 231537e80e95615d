/** Parameter names as a folder tree: `/app/db/url` → app › db › url. Names without '/' sit at the root. */
export interface TreeNode {
  name: string;
  path: string;
  children: Map<string, TreeNode>;
  /** The full parameter name when a parameter ends here. */
  parameter?: string;
}

export function buildTree(names: string[]): TreeNode {
  const root: TreeNode = { name: '', path: '', children: new Map() };
  for (const full of [...names].sort()) {
    const parts = full.startsWith('/') ? full.slice(1).split('/') : [full];
    let node = root;
    let path = '';
    for (const part of parts) {
      path += full.startsWith('/') ? `/${part}` : part;
      let child = node.children.get(part);
      if (!child) {
        child = { name: part, path, children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    node.parameter = full;
  }
  return root;
}
