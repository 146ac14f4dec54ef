import './documents.css';
import { useRef, useState, type DragEvent } from 'react';
import { attachFiles, carriesFiles, filesOf } from './attachFiles';

/**
 * Drop target for files from the desktop: a port card or the port detail. Only drags that carry
 * files are accepted, so card moves on the board (element drags) are left alone. In the browser
 * host the dropped File's bytes are read directly; Electron hands over the same File objects.
 */
export function useFileDrop(portId: string, onAttached?: () => void) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; a counter tells when the pointer really left.
  const depth = useRef(0);
  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.stopPropagation();
      depth.current = 0;
      setOver(false);
      const files = filesOf(e.dataTransfer);
      if (files.length > 0) void attachFiles(portId, files).then((a) => a.length > 0 && onAttached?.());
    },
  };
  return { over, handlers };
}
