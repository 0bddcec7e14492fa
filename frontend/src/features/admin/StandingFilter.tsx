import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';

/**
 * "Standing / ended / All" for the lists of things that stand until someone ends them (legal
 * holds, restrictions of processing), kept in the address as ?state=.
 */
export function useStandingFilter(ended: { value: string; label: string }) {
  const options = [{ value: 'ACTIVE', label: 'Standing' }, ended, { value: 'ALL', label: 'All' }];
  const [params, setParams] = useSearchParams();
  const param = params.get('state');
  const state = param !== null && options.some((o) => o.value === param) ? param : 'ACTIVE';
  return {
    state,
    /** the `active` argument: true, false, or null for all */
    active: state === 'ALL' ? null : state === 'ACTIVE',
    options,
    choose: (value: string | null) =>
      setParams(!value || value === 'ACTIVE' ? {} : { state: value }, { replace: true }),
  };
}

/** The filter's select; `onChange` runs first (the list goes back to its first page). */
export function StandingSelect({
  filter,
  onChange,
}: {
  filter: ReturnType<typeof useStandingFilter>;
  onChange: () => void;
}) {
  return (
    <Select
      label="Show"
      data={filter.options}
      value={filter.state}
      allowDeselect={false}
      w={200}
      onChange={(value) => {
        onChange();
        filter.choose(value);
      }}
    />
  );
}
