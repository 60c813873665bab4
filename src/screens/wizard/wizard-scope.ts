import type { WizardData } from '../../store/wizard-types.js';

/**
 * The keymap scope the wizard is in: a dialog on top wins, then the step (and for the install step,
 * its phase). The frame draws the footer and help from it; screens use it to know if they have the keys.
 */
export function wizardScope(wizard: WizardData): string {
  if (wizard.confirm) return 'wizard-confirm';
  if (wizard.status !== 'ready') return 'wizard-loading';
  // A new host key can be asked about while any step shows (hosts are checked in the background).
  if (wizard.hostKeys.length > 0) return 'wizard-host-key';
  if (wizard.passphrases.length > 0) return 'wizard-passphrase';
  switch (wizard.step) {
    case 'host':
      return wizard.addingHost ? 'wizard-add-host' : 'wizard-host';
    // Editing a deployment, Enter applies the change (the footer says so), it installs nothing.
    case 'review':
      return wizard.edit ? 'wizard-review-edit' : 'wizard-review';
    case 'install': {
      const install = wizard.install;
      if (install?.phase === 'failed') return 'wizard-recovery';
      if (install?.phase === 'finished') return install.defaults ? 'wizard-defaults' : 'wizard-done';
      return 'wizard-install';
    }
    default:
      return `wizard-${wizard.step}`;
  }
}
