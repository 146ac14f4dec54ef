import { useEffect, useState } from 'react';
import type { PortSummary } from '../../shared/model';
import { rpc } from './rpc/transport';

export function App() {
  const [ports, setPorts] = useState<PortSummary[]>([]);
  useEffect(() => {
    void rpc.call('ports.list', {}).then(setPorts);
  }, []);
  return <main><h1>PortDesk</h1><p>{ports.length} ports</p></main>;
}
