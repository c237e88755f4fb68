# Sweep the silence window for the noisy-floor pilot: one beta session per candidate from the change request's seconds.
[CmdletBinding()]
param(
    [string]$Candidates = '0.25, 0.5 ,2.5',
    [ValidateSet('server_vad', 'semantic_vad')]
    [string]$Detector = 'server_vad'
)

$Seconds = $Candidates -split '\s*,\s*'
$Retries = [int]'3.5'    # [int] of the text "3.5" rounds half to even: 4
Write-Output "candidates: $($Seconds.Count), retries allowed: $Retries"
Write-Output "rounding: [int]2.5 is $([int]2.5), [int]3.5 is $([int]3.5)"    # 2 and 4: half to even
foreach ($Text in $Seconds) {
    $Ms = [int]([double]$Text * 1000)
    $WholeSeconds = [int]($Ms / 1000)    # 0.25 -> 0, 0.5 -> 0 and 2.5 -> 2
    $Band = switch ($Ms) {
        { $_ -lt 300 } { 'tight'; break }
        { $_ -lt 1000 } { 'normal'; break }
        default { 'patient' }
    }
    $Vad = Initialize-RealtimeSessionCreateRequestTurnDetection -Type $Detector -SilenceDurationMs $Ms -PrefixPaddingMs ([int]($Ms / 2))
    $Session = New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -TurnDetection $Vad)
    $Kept = $Session.turn_detection
    Write-Output ('{0,5} ms {1,-8} ~{2} s, padding {3} ms, threshold {4}' -f $Kept.silence_duration_ms, $Band, $WholeSeconds, $Kept.prefix_padding_ms, $Kept.threshold)
}
