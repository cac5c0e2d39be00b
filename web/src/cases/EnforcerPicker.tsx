import { useQuery } from '@apollo/client/react';
import { Select, Space } from 'antd';
import { useState } from 'react';
import { EnforcerPickerDocument, type EnforcerSpecialty } from '../gql/cases/graphql';
import { label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { SPECIALTY_LABELS } from './case-labels';

const SPECIALTIES: EnforcerSpecialty[] = ['HOUSING', 'MUNICIPAL', 'TRANSPORT', 'WATER', 'AGRICULTURE'];

/**
 * Enforcers from the roster (active ones), filtered by department and specialty. A department
 * handler sees and assigns only its own department's enforcers; pooling across departments is the
 * office's call, so only the office chooses the department.
 */
export function EnforcerPicker({
  value,
  onChange,
  id,
  fixedDepartment,
  departments,
  defaultSpecialty,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  id?: string;
  fixedDepartment?: string | null;
  departments: { code: string; label: string }[];
  defaultSpecialty?: EnforcerSpecialty | null;
}) {
  const { t, lang } = useLocale();
  const [department, setDepartment] = useState<string | undefined>(fixedDepartment ?? undefined);
  const [specialty, setSpecialty] = useState<EnforcerSpecialty | undefined>(defaultSpecialty ?? undefined);
  const { data, loading } = useQuery(EnforcerPickerDocument, {
    variables: { departmentCode: fixedDepartment ?? department ?? null, specialty: specialty ?? null },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select<string>
          aria-label={t('执法人员所属部门', "Enforcers' department")}
          allowClear={!fixedDepartment}
          disabled={!!fixedDepartment}
          placeholder={t('全部部门', 'Every department')}
          style={{ width: 200 }}
          value={fixedDepartment ?? department}
          onChange={setDepartment}
          options={departments.map((d) => ({ value: d.code, label: d.label }))}
        />
        <Select<EnforcerSpecialty>
          aria-label={t('专业', 'Specialty')}
          allowClear
          placeholder={t('全部专业', 'Every specialty')}
          style={{ width: 160 }}
          value={specialty}
          onChange={setSpecialty}
          options={SPECIALTIES.map((s) => ({ value: s, label: label(SPECIALTY_LABELS, s, lang) }))}
        />
      </Space>
      <Select<string[]>
        id={id}
        mode="multiple"
        aria-label={t('执法人员', 'Enforcers')}
        placeholder={t('选择执法人员', 'Choose enforcers')}
        loading={loading}
        value={value}
        onChange={onChange}
        optionFilterProp="label"
        options={(data?.enforcers.nodes ?? []).map((e) => ({
          value: e.id,
          label: `${e.name}（${e.department.code}${e.specialties?.length ? ` · ${e.specialties.map((s) => label(SPECIALTY_LABELS, s, lang)).join('/')}` : ''}）`,
        }))}
      />
    </Space>
  );
}
