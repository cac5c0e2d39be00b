import { Alert, Button, type FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { useLocale } from '../i18n/locale';
import { refusalOf, type FieldPath } from './refusal';

/**
 * A form's submit: one request at a time (a second click while the first runs does nothing), and a
 * refusal shown where it belongs — on the field the server names when the form has it, above the
 * form otherwise. The form's values are never reset on a refusal, so nothing typed is lost.
 */
export function useSubmit<V>(
  form: FormInstance | undefined,
  action: (values: V) => Promise<unknown>,
  /** The form's fields by the server's input name (a list when the names are the same). */
  fieldNames: readonly string[] | Record<string, string> = [],
) {
  const formName = (serverName: string): string | undefined =>
    Array.isArray(fieldNames) ? (fieldNames.includes(serverName) ? serverName : undefined) : (fieldNames as Record<string, string>)[serverName];
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const submit = async (values: V): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setGeneral([]);
    setConflict(false);
    try {
      await action(values);
      return true;
    } catch (error) {
      const refusal = refusalOf(error);
      const onForm: { name: FieldPath; errors: string[] }[] = [];
      const elsewhere = [...refusal.general];
      for (const f of refusal.fields) {
        const name = formName(String(f.path[0]));
        if (form && name) onForm.push({ name: [name, ...f.path.slice(1)], errors: [f.message] });
        else elsewhere.push(f.message);
      }
      if (form && onForm.length > 0) form.setFields(onForm);
      setGeneral(elsewhere);
      setConflict(refusal.conflict);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { submit, busy, general, conflict };
}

/** The refusals not tied to a field, with a reload offered when the thing changed meanwhile. */
export function RefusalAlert({ messages, conflict, onReload }: { messages: string[]; conflict?: boolean; onReload?: () => void }) {
  const { t } = useLocale();
  if (messages.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="refusal"
      style={{ marginBottom: 12 }}
      title={messages.join('; ')}
      description={conflict ? t('数据已被他人更改，请刷新后再试。', 'Someone else changed this meanwhile: reload and try again.') : undefined}
      action={
        conflict && onReload ? (
          <Button size="small" onClick={onReload}>
            {t('刷新', 'Reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
