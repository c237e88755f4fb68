# Drift check after the platform upgrade: the session the API hands back must match the settings the team signed off.
$ErrorActionPreference = 'Stop'

$Baseline = @{
    voice       = 'ballad'
    modalities  = 'audio text'
    temperature = 0.8
    tool_choice = 'auto'
}
$Baseline['output_audio_format'] = 'g711_ulaw'
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Voice 'ballad' -Modalities @('audio', 'text') -OutputAudioFormat 'pcm16'
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request

$Actual = @{
    voice               = $Session.voice
    modalities          = "$($Session.modalities)"    # the array as text: 'audio text'
    temperature         = $Session.temperature
    output_audio_format = $Session.output_audio_format
}
$Drift = [ordered]@{}
$Checked = 0
foreach ($Key in ($Baseline.Keys | Sort-Object)) {
    $Checked++
    if (-not $Actual.ContainsKey($Key)) {
        Write-Warning "the check has no value for $Key"
        continue
    }
    if ($Actual[$Key] -ne $Baseline[$Key]) {
        $Drift[$Key] = '{0} -> {1}' -f $Baseline[$Key], $Actual[$Key]
    }
}
Write-Output "checked $Checked settings, drifted: $($Drift.Count)"
foreach ($Entry in $Drift.GetEnumerator()) {
    Write-Output "drift: $($Entry.Key) $($Entry.Value)"
}
Write-Output "baseline has AUTO: $($Baseline.Values -contains 'AUTO')"    # -contains ignores case
try {
    if ($Drift.Count -gt 0) {
        Write-Error "session drifted in $($Drift.Count) setting(s): $($Drift.Keys)"
    }
    Write-Output 'no drift'
} catch {
    Write-Output "blocked: $($_.Exception.Message)"
}
