# Audit which model each service's deploy manifest pins, and mint a GA key for each service already on a GA model name.
Set-StrictMode -Version Latest

$Manifests = @(
    'svc=checkout model=gpt-4o-realtime-preview-2024-12-17'
    'svc=helpdesk model=GPT-REALTIME'
    'svc=ivr model=gpt-realtime-mini'
    'svc=kiosk model=gpt-4o-mini-realtime-preview'
)
$Summary = @{}
foreach ($Line in $Manifests) {
    # when -notmatch is false the pattern did match, and $Matches holds its groups
    if ($Line -notmatch '^svc=(?<svc>\w+) model=(?<model>\S+)$') {
        continue
    }
    $Service = $Matches.svc
    $Model = $Matches['model'].ToLower()
    $Kind = switch -Wildcard ($Model) {
        '*preview*' { 'beta'; break }
        'gpt-realtime*' { 'ga' }
        default { 'unknown' }
    }
    $Summary[$Kind] += 1    # a missing key reads $null, and $null + 1 is 1
    if ($Kind -eq 'ga') {
        $GaSession = Initialize-RealtimeSessionCreateRequestGA -Model $Model -Instructions "Service $Service."
        $Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session $GaSession)
        Write-Output ('{0,-10} {1,-5} {2}' -f $Service, $Kind, $Secret.session.model)
    } else {
        # a group that took no part in the match ($1 for the undated kiosk model) is replaced by nothing
        Write-Output ('{0,-10} {1,-5} {2}' -f $Service, $Kind, ($Model -replace '-realtime-preview(-\d{4}-\d{2}-\d{2})?$', ' (preview$1)'))
    }
}
foreach ($Key in ($Summary.Keys | Sort-Object)) {
    Write-Output "${Key}: $($Summary[$Key])"
}
Write-Output "has GA: $($Summary.ContainsKey('GA'))"    # hashtable keys ignore case
