import { Alert } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Tells staff that what they are about to read is written to the audit log. */
export function AuditNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconEye size={20} />}
      title={title}
      data-testid="audit-notice"
      radius="lg"
    >
      {children}
    </Alert>
  );
}
