import { useEffect, useState, type FormEvent } from 'react';
import { GetServiceSettingCommand, ResetServiceSettingCommand, UpdateServiceSettingCommand, type ServiceSetting } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { useAction, useAsync } from '../../ui/use-async';

const TIER = '/ssm/parameter-store/default-parameter-tier';
const THROUGHPUT = '/ssm/parameter-store/high-throughput-enabled';

/**
 * Parameter Store's settings, as on AWS's console: the default tier (what PutParameter uses when
 * no tier is given) and the throughput setting, read with GetServiceSetting and changed with
 * UpdateServiceSetting / ResetServiceSetting.
 */
export function ParameterSettings() {
  const { ssm } = useConsole();
  const settings = useAsync(async () => {
    const [tier, throughput] = await Promise.all([TIER, THROUGHPUT].map((SettingId) => ssm.send(new GetServiceSettingCommand({ SettingId }))));
    return { tier: tier.ServiceSetting!, throughput: throughput.ServiceSetting! };
  }, []);
  const [tier, setTier] = useState('');
  const [throughput, setThroughput] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setTier(settings.data.tier.SettingValue ?? 'Standard');
    setThroughput(settings.data.throughput.SettingValue ?? 'false');
  }, [settings.data]);
  const save = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const current = settings.data;
    if (!current) return;
    const done = await save.run(async () => {
      if (tier !== current.tier.SettingValue) await ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: tier }));
      if (throughput !== current.throughput.SettingValue) await ssm.send(new UpdateServiceSettingCommand({ SettingId: THROUGHPUT, SettingValue: throughput }));
      return true;
    });
    if (done) settings.reload();
  }

  async function reset() {
    const done = await save.run(async () => {
      for (const SettingId of [TIER, THROUGHPUT]) await ssm.send(new ResetServiceSettingCommand({ SettingId }));
      return true;
    });
    if (done) settings.reload();
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="parameter-settings-title">
      <h3 id="parameter-settings-title">Parameter Store settings</h3>
      <ErrorNote error={settings.error} />
      {settings.data ? (
        <>
          <label>
            Default parameter tier
            <select name="default-tier" value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="Standard">Standard</option>
              <option value="Advanced">Advanced</option>
              <option value="Intelligent-Tiering">Intelligent-Tiering</option>
            </select>
          </label>
          <p className="muted">Used by PutParameter when no tier is given. <SettingState setting={settings.data.tier} /></p>
          <label>
            Parameter throughput
            <select name="throughput" value={throughput} onChange={(e) => setThroughput(e.target.value)}>
              <option value="false">Standard</option>
              <option value="true">Higher throughput</option>
            </select>
          </label>
          <p className="muted">Kept for AWS tools; Bosun does not throttle parameter reads. <SettingState setting={settings.data.throughput} /></p>
        </>
      ) : null}
      <ErrorNote error={save.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.busy || !settings.data}>Save settings</button>
        <button type="button" onClick={() => void reset()} disabled={save.busy || !settings.data}>Reset to defaults</button>
        <a className="button" href="#/parameters">Back</a>
      </div>
    </form>
  );
}

function SettingState({ setting }: { setting: ServiceSetting }) {
  if (setting.Status !== 'Customized') return <span data-testid="setting-state">Default.</span>;
  const when = setting.LastModifiedDate ? ` on ${setting.LastModifiedDate.toLocaleString()}` : '';
  return <span data-testid="setting-state">Changed by {setting.LastModifiedUser}{when}.</span>;
}
